import HTTPTypes
public import Hummingbird
public import Logging

/// A thrown error as the page a person sees. An `HTTPError` keeps its status and message; anything else
/// is a 500 that says nothing of the cause (it is logged instead), so no path or SQL reaches the browser.
public enum ErrorPage {
    public static func response(for error: any Error, request: Request, logger: Logger) -> Response {
        let status: HTTPResponse.Status
        var message: String
        var headers: HTTPFields = [:]
        if let http = error as? HTTPError {
            status = http.status
            message = http.body ?? ""
            headers = http.headers
        } else if let http = error as? any HTTPResponseError {
            status = http.status
            message = ""
        } else {
            status = .internalServerError
            message = "Something went wrong on the server. It has been logged; try again in a moment."
            logger.error("request failed", metadata: ["uri": "\(request.uri)", "error": "\(String(reflecting: error))"])
        }
        if message.isEmpty {
            switch status {
            case .notFound: message = "There is nothing here, or it is not yours to see."
            case .forbidden: message = "This request was refused."
            case .contentTooLarge: message = "What was sent is too large."
            default: message = status.reasonPhrase
            }
        }
        let title = "\(status.code) \(status.reasonPhrase)"
        return Responses.html(Pages.error(title: title, message: message), status: status, headers: headers)
    }
}

/// Building responses the same way everywhere.
public enum Responses {
    public static func html(_ page: HTML, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: page.rendered)))
    }

    /// A 303 to `location` (after a POST: the browser then GETs it, so a reload does not post again).
    public static func seeOther(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }
}
