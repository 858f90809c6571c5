import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import PoseRunCore
import PoseRunFormats
import PoseRunServer
import PoseRunSynthetic
import Testing

/// A web app on a temporary data folder, with bcrypt at its minimum cost (the hash is still real bcrypt)
/// and no background worker unless a test asks for one: tests run the worker's jobs by hand.
struct TestServer {
    let folder: URL
    let app: WebApp
    let clock: TestClock

    init(_ configure: (inout ServerConfiguration) -> Void = { _ in }) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("poserun-server-\(UUID().uuidString)")
        var configuration = ServerConfiguration(dataFolder: folder, passwordCost: 4, runsWorker: false)
        configure(&configuration)
        try configuration.folders.create()
        let store = try SQLiteStore(path: configuration.databasePath)
        let clock = TestClock()
        self.clock = clock
        app = WebApp(configuration: configuration, store: store, logger: .init(label: "test"), now: { clock.now })
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }

    /// Runs `body` against the app's router (no sockets), then removes the data folder.
    func test(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        defer { remove() }
        try await app.application().test(.router) { client in try await body(client) }
    }

    /// Files in the uploads folder (the stored uploads and any partial one).
    var uploads: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: app.configuration.folders.uploads.path)) ?? []).sorted()
    }
}

/// A clock the tests move by hand (the rate limit's window, session expiry, job leases).
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current = Date(timeIntervalSince1970: 1_800_000_000)

    var now: Date { lock.withLock { current } }

    func advance(_ seconds: TimeInterval) { lock.withLock { current = current.addingTimeInterval(seconds) } }
}

/// What came back, with the body as text.
struct Page {
    var status: HTTPResponse.Status
    var headers: HTTPFields
    var body: String

    var location: String? { headers[.location] }
    var setCookies: [String] { headers[values: .setCookie] }

    /// The CSRF token of the first form on the page.
    var csrfToken: String? {
        guard let range = body.range(of: "name=\"csrf\" value=\"") else { return nil }
        return String(body[range.upperBound...].prefix { $0 != "\"" })
    }
}

/// A browser's part the tests need: a cookie jar, forms posted URL-encoded or as multipart.
struct Browser {
    let client: any TestClientProtocol
    var cookies: [String: String] = [:]

    init(_ client: any TestClientProtocol) {
        self.client = client
    }

    /// The cookies as a request header, for a request made with the client directly.
    var cookieHeader: HTTPFields {
        var headers: HTTPFields = [:]
        if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ") }
        return headers
    }

    mutating func get(_ path: String) async throws -> Page {
        try await send(path, method: .get, contentType: nil, body: nil)
    }

    /// Posts `fields` URL-encoded, in order.
    mutating func post(_ path: String, _ fields: [(String, String)]) async throws -> Page {
        let body = fields.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        return try await send(path, method: .post, contentType: "application/x-www-form-urlencoded", body: ByteBuffer(string: body))
    }

    mutating func postMultipart(_ path: String, _ body: Multipart) async throws -> Page {
        try await send(path, method: .post, contentType: body.contentType, body: ByteBuffer(bytes: body.bytes))
    }

    mutating func send(_ path: String, method: HTTPRequest.Method, contentType: String?, body: ByteBuffer?) async throws -> Page {
        var headers: HTTPFields = [:]
        if let contentType { headers[.contentType] = contentType }
        if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ") }
        let response = try await client.execute(uri: path, method: method, headers: headers, body: body)
        let page = Page(status: response.status, headers: response.headers, body: String(buffer: response.body))
        for header in page.setCookies {
            let first = header.split(separator: ";")[0]
            let pair = first.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(pair[0])
            let value = pair.count > 1 ? String(pair[1]) : ""
            if header.contains("Max-Age=0") || value.isEmpty { cookies[name] = nil } else { cookies[name] = value }
        }
        return page
    }

    /// Signs in through the form, as a person does. Returns the sign-in's answer.
    @discardableResult
    mutating func signIn(_ username: String, _ password: String) async throws -> Page {
        let form = try await get("/login")
        let token = try #require(form.csrfToken)
        return try await post("/login", [("csrf", token), ("username", username), ("password", password)])
    }

    /// The CSRF token of the signed-in session (from the athletes page).
    mutating func csrf() async throws -> String {
        try #require(try await get("/athletes").csrfToken)
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

/// A `multipart/form-data` body, built as a browser sends one.
struct Multipart {
    let boundary = "----PoseRunTestBoundary\(UUID().uuidString.prefix(8))"
    var bytes: [UInt8] = []
    /// Leave the closing boundary off (an upload that broke off).
    var contentType: String { "multipart/form-data; boundary=\(boundary)" }

    mutating func field(_ name: String, _ value: String) {
        append("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
    }

    mutating func file(_ name: String, fileName: String, _ data: [UInt8], type: String = "application/octet-stream") {
        append("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"\(fileName)\"\r\nContent-Type: \(type)\r\n\r\n")
        bytes += data
        append("\r\n")
    }

    mutating func close() { append("--\(boundary)--\r\n") }

    private mutating func append(_ text: String) { bytes += Array(text.utf8) }

    /// The session upload form as the athlete page sends it: csrf first, then the fields, then the file.
    static func session(
        csrf: String, date: String = "2026-11-30", speed: String = "3.0", footwear: String = "shoes", note: String = "",
        fileName: String = "runner.json", file: [UInt8]
    ) -> Multipart {
        var body = Multipart()
        body.field("csrf", csrf)
        body.field("date", date)
        body.field("speed", speed)
        body.field("footwear", footwear)
        body.field("note", note)
        body.file("file", fileName: fileName, file)
        body.close()
        return body
    }
}

enum Synthetic {
    /// A synthetic runner as PoseRun keypoints JSON (as `poserun synthetic` writes it).
    static func keypoints(_ preset: SyntheticRunner.Configuration = .poseRunner, seconds: Double = 6, frameRate: Double? = nil) throws -> [UInt8] {
        var configuration = preset
        configuration.durationSeconds = seconds
        if let frameRate { configuration.frameRate = frameRate }
        configuration.lengthUnit = .pixels
        let run = try SyntheticRunner(configuration).generate()
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("poserun-synthetic-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: url) }
        try PoseRunKeypointsFile(sequence: run.sequence, imageWidth: 1920, imageHeight: 1080, source: "PoseRunServerTests").write(to: url)
        return Array(try Data(contentsOf: url))
    }
}
