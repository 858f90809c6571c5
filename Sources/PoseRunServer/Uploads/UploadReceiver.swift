import Foundation
public import Hummingbird
import MultipartKit
import NIOCore
import PoseRunFormats
import PoseRunPipeline

/// Receives a session upload (`multipart/form-data`), streaming the file to disk.
///
/// What it guarantees, and why:
/// - The CSRF token is checked before a byte of the file is stored: the form's `csrf` field must be its
///   first part (the page puts it first; browsers send fields in order). Anything else is refused.
/// - At most `maxBytes` of file: the request is refused (413) as soon as it passes that, and its
///   Content-Length is checked before reading. Memory holds one chunk at a time, whatever the file's size.
/// - The file is written to `.partial-<uuid>` and only renamed to its stored name `<uuid>.<ext>` once the
///   whole body arrived and its content was recognised; any failure deletes it. The stored name is made
///   here, never taken from the client, so no name can point outside the uploads folder. The file is
///   written in the storage's receiving folder and kept through the storage (`FileStorage`).
/// - The type comes from the content, as `poserun analyze` detects it (`InputLoader.detectKind`, then
///   the video container signatures of `VideoInput.looksLikeVideo`), never from the name or the header.
public struct UploadReceiver: Sendable {
    public static let partialPrefix = ".partial-"
    /// A form field's value at most (the note, the date): 4 KiB.
    static let maxFieldBytes = 4096
    static let maxParts = 16
    static let fileField = "file"

    /// Where the upload is kept: it is written to the storage's receiving folder, then kept there.
    public var storage: any FileStorage
    public var maxBytes: Int

    public init(storage: any FileStorage, maxBytes: Int) {
        self.storage = storage
        self.maxBytes = maxBytes
    }

    /// What was received: the form's fields and the stored file.
    public struct Received: Sendable {
        public var fields: [String: String]
        /// The generated name in the uploads folder.
        public var storedFileName: String
        /// The client's name for the file, for display only.
        public var originalFileName: String
        public var byteCount: Int
        public var kind: UploadKind
    }

    /// Why an upload was refused, in words for the form (the status says which kind of refusal).
    public struct Refusal: Error, Sendable, Equatable {
        public var status: HTTPResponse.Status
        public var message: String
        /// The fields read before the refusal, to show the form again as it was filled in.
        public var fields: [String: String] = [:]
    }

    /// Reads the whole request. `csrfToken`: the token the signed-in session's forms carry.
    public func receive(_ request: Request, csrfToken: String) async throws -> Received {
        guard let boundary = Self.boundary(request.headers[.contentType] ?? "") else {
            throw Refusal(status: .badRequest, message: "The upload is not a multipart form.")
        }
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > maxBytes + 64 * 1024 {
            throw Refusal(status: .contentTooLarge, message: tooLarge)
        }
        let partial = storage.receivingFolder.appendingPathComponent(Self.partialPrefix + UUID().uuidString)
        var keep = false
        defer { if !keep { try? FileManager.default.removeItem(at: partial) } }
        let state = ParseState(expectedCSRF: csrfToken, maxFileBytes: maxBytes, partial: partial)
        defer { state.closeFile() }
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in state.header(name: name, value: value) }
        parser.onBody = { buffer in state.body(&buffer) }
        parser.onPartComplete = { state.partComplete() }
        do {
            for try await chunk in request.body {
                try parser.execute(chunk)
                if let refusal = state.refusal { throw refusal }
            }
        } catch let refusal as Refusal {
            throw refusal
        } catch let error as HTTPError {
            throw error
        } catch {
            throw Refusal(status: .badRequest, message: "The upload broke off or was not a well-formed form (\(error)); send it again.", fields: state.fields)
        }
        state.closeFile()
        if let refusal = state.refusal { throw refusal }
        guard state.csrfChecked else { throw Refusal(status: .forbidden, message: "The form has expired. Reload the page and send it again.") }
        guard state.fileComplete, state.fileBytes > 0 else {
            throw Refusal(status: .unprocessableContent, message: "Choose a file to upload (a video, TRC, C3D or PoseRun keypoints JSON).", fields: state.fields)
        }
        let kind: UploadKind
        do {
            kind = try UploadKind.sniff(partial, originalName: state.fileName)
        } catch let refusal as Refusal {
            var refusal = refusal
            refusal.fields = state.fields
            throw refusal
        }
        let storedName = "\(UUID().uuidString.lowercased()).\(kind.fileExtension(originalName: state.fileName))"
        try await storage.keepUpload(partial, as: storedName)
        keep = true
        return Received(fields: state.fields, storedFileName: storedName, originalFileName: state.fileName, byteCount: state.fileBytes, kind: kind)
    }

    var tooLarge: String { Self.tooLarge(maxBytes) }

    static func tooLarge(_ maxBytes: Int) -> String {
        let limit = maxBytes >= 1 << 20 ? "\(maxBytes / (1 << 20)) MB" : "\(maxBytes / 1024) KB"
        return "The file is larger than \(limit). Trim the clip to a minute or so of running."
    }

    /// The boundary of a `multipart/form-data; boundary=…` content type (quoted or not), 1–70 characters.
    static func boundary(_ contentType: String) -> String? {
        let parts = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.first?.lowercased() == "multipart/form-data" else { return nil }
        for part in parts.dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].lowercased() == "boundary" else { continue }
            var value = String(pair[1])
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return (1...70).contains(value.utf8.count) ? value : nil
        }
        return nil
    }

    /// The parser's state across its callbacks. Used by one request's task only.
    final class ParseState {
        let expectedCSRF: String
        let maxFileBytes: Int
        let partial: URL
        var fields: [String: String] = [:]
        var fileName = ""
        var fileBytes = 0
        var fileComplete = false
        var csrfChecked = false
        var refusal: Refusal?

        private var parts = 0
        private var name: String?
        private var isFile = false
        private var value: [UInt8] = []
        private var handle: FileHandle?

        init(expectedCSRF: String, maxFileBytes: Int, partial: URL) {
            self.expectedCSRF = expectedCSRF
            self.maxFileBytes = maxFileBytes
            self.partial = partial
        }

        func header(name headerName: String, value headerValue: String) {
            guard headerName.lowercased() == "content-disposition" else { return }
            let disposition = ContentDisposition(headerValue)
            name = disposition.name
            if let file = disposition.fileName {
                isFile = true
                fileName = String(file.suffix(255))
            }
        }

        func body(_ buffer: inout ByteBuffer) {
            guard refusal == nil else { return }
            if isFile, name == UploadReceiver.fileField {
                guard csrfChecked else { return refuse(.forbidden, "The form has expired. Reload the page and send it again.") }
                fileBytes += buffer.readableBytes
                guard fileBytes <= maxFileBytes else {
                    return refuse(.contentTooLarge, UploadReceiver.tooLarge(maxFileBytes))
                }
                do {
                    if handle == nil {
                        _ = FileManager.default.createFile(atPath: partial.path, contents: nil, attributes: [.posixPermissions: 0o600])
                        handle = try FileHandle(forWritingTo: partial)
                    }
                    try handle?.write(contentsOf: buffer.readableBytesView)
                } catch {
                    refuse(.internalServerError, "The upload could not be stored (\(error)).")
                }
            } else {
                value.append(contentsOf: buffer.readableBytesView)
                if value.count > UploadReceiver.maxFieldBytes { refuse(.contentTooLarge, "A field of the form is too long.") }
            }
        }

        func partComplete() {
            defer {
                name = nil
                isFile = false
                value = []
            }
            guard refusal == nil else { return }
            parts += 1
            if parts > UploadReceiver.maxParts { return refuse(.badRequest, "The form has too many fields.") }
            if parts == 1 {
                // The first part must be the CSRF token, and it must match.
                guard name == CSRF.fieldName, !isFile, Secrets.constantTimeEqual(String(decoding: value, as: UTF8.self), expectedCSRF) else {
                    return refuse(.forbidden, "The form has expired. Reload the page and send it again.")
                }
                csrfChecked = true
                return
            }
            if isFile {
                if name == UploadReceiver.fileField {
                    if fileComplete { return refuse(.badRequest, "Send one file per session.") }
                    fileComplete = true
                    closeFile()
                }
                return
            }
            if let name { fields[name] = String(decoding: value, as: UTF8.self) }
        }

        func closeFile() {
            try? handle?.close()
            handle = nil
        }

        private func refuse(_ status: HTTPResponse.Status, _ message: String) {
            if refusal == nil { refusal = Refusal(status: status, message: message, fields: fields) }
        }
    }
}

/// `form-data; name="file"; filename="run.mp4"`: the field's name and the file's name.
struct ContentDisposition {
    var name: String?
    var fileName: String?

    init(_ header: String) {
        // Split on ';' outside quotes.
        var items: [String] = []
        var current = ""
        var quoted = false
        for character in header {
            if character == "\"" { quoted.toggle() }
            if character == ";", !quoted {
                items.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        items.append(current)
        for item in items.dropFirst() {
            let pair = item.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            let key = pair[0].trimmingCharacters(in: .whitespaces).lowercased()
            var value = pair[1].trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            if key == "name" { name = value }
            // Only the last path component of what a browser sends, for display.
            if key == "filename" { fileName = value.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? "" }
        }
    }
}

/// What an uploaded file is, told from its content.
public enum UploadKind: String, Sendable, Equatable {
    case trc, c3d, keypoints, video

    /// The stored file's extension. The readers tell the kind from the content, but the player copies a
    /// browser-playable clip only by its extension (`PlayerVideo.plan`), so a video keeps its original
    /// extension when it is a known one (`mp4` otherwise; ffmpeg reads the container from the content).
    public func fileExtension(originalName: String) -> String {
        switch self {
        case .trc: return "trc"
        case .c3d: return "c3d"
        case .keypoints: return "json"
        case .video:
            let ext = URL(fileURLWithPath: originalName).pathExtension.lowercased()
            return Self.videoExtensions.contains(ext) ? ext : "mp4"
        }
    }

    /// Known video extensions a stored clip may keep from its original name (lowercased).
    static let videoExtensions: Set<String> = ["mp4", "m4v", "mov", "webm", "mkv", "avi", "3gp"]

    /// Reads the start of the file: a PoseRun input kind, or a video container; anything else is refused.
    static func sniff(_ url: URL, originalName: String) throws -> UploadKind {
        do {
            switch try InputLoader.detectKind(at: url) {
            case .trc: return .trc
            case .c3d: return .c3d
            case .poseRunKeypoints: return .keypoints
            case .openPoseFile, .openPoseFolder:
                throw UploadReceiver.Refusal(
                    status: .unsupportedMediaType,
                    message: "That is one OpenPose frame; upload the clip itself, or PoseRun keypoints JSON.")
            }
        } catch let error as FormatError where error.kind == .unrecognisedFormat {
            // The partial file has no extension, so only the container signatures count here.
            if VideoInput.looksLikeVideo(url) { return .video }
            throw UploadReceiver.Refusal(
                status: .unsupportedMediaType,
                message: "PoseRun does not read this file (\(error.problem)). Upload a video, TRC, C3D or PoseRun keypoints JSON.")
        } catch let error as FormatError {
            throw UploadReceiver.Refusal(status: .unprocessableContent, message: "The file cannot be read: \(error.problem).")
        }
    }
}
