import Foundation
import HTTPTypes
import Hummingbird

/// Files sent from disk, streamed in chunks (never read whole: a clip can be a gigabyte), with byte ranges,
/// because a browser's `<video>` seeks by asking for the part it needs (`Range: bytes=…`, answered 206).
enum FileResponses {
    /// A byte range asked for, resolved against the file's size.
    enum RangeRequest: Equatable {
        case whole
        case part(ClosedRange<Int>)
        /// Outside the file, or not a range this server reads (416).
        case unsatisfiable
    }

    /// Reads one `bytes=start-end`, `bytes=start-` or `bytes=-suffix` range. Several ranges at once are sent
    /// whole (allowed by RFC 9110 §14.2: a server may ignore the header); browsers ask for one.
    static func range(_ header: String?, size: Int) -> RangeRequest {
        guard let header else { return .whole }
        let text = header.trimmingCharacters(in: .whitespaces)
        guard text.lowercased().hasPrefix("bytes=") else { return .whole }
        let spec = text.dropFirst("bytes=".count)
        guard !spec.contains(",") else { return .whole }
        let ends = spec.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard ends.count == 2, size > 0 else { return .unsatisfiable }
        switch (Int(ends[0]), Int(ends[1])) {
        case (let start?, let end?) where start >= 0 && start <= end && start < size:
            return .part(start...min(end, size - 1))
        case (let start?, nil) where ends[1].isEmpty && start >= 0 && start < size:
            return .part(start...(size - 1))
        case (nil, let suffix?) where ends[0].isEmpty && suffix > 0:
            return .part(max(0, size - suffix)...(size - 1))
        default:
            return .unsatisfiable
        }
    }

    /// The file at `url` as `contentType`, whole or the range the request asks for.
    static func file(
        _ url: URL, contentType: String, request: Request, context: some RequestContext, extraHeaders: HTTPFields = [:]
    ) async throws -> Response {
        let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
        guard let size = (attributes?[.size] as? NSNumber)?.intValue else { throw HTTPError(.notFound) }
        var headers = extraHeaders
        headers[.contentType] = contentType
        headers[.acceptRanges] = "bytes"
        let io = FileIO()
        switch range(request.headers[.range], size: size) {
        case .whole:
            headers[.contentLength] = String(size)
            return Response(status: .ok, headers: headers, body: try await io.loadFile(path: url.path, context: context))
        case .part(let part):
            headers[.contentRange] = "bytes \(part.lowerBound)-\(part.upperBound)/\(size)"
            headers[.contentLength] = String(part.count)
            return Response(status: .partialContent, headers: headers, body: try await io.loadFile(path: url.path, range: part, context: context))
        case .unsatisfiable:
            headers[.contentRange] = "bytes */\(size)"
            return Response(status: .rangeNotSatisfiable, headers: headers)
        }
    }
}
