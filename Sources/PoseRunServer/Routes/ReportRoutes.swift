import Foundation
import HTTPTypes
import Hummingbird

/// The session's report and its player, inside the app: `report.html`, `player.js` and the clip, served
/// from the session's results folder under the report's own Content-Security-Policy
/// (`SecurityHeadersMiddleware.reportPolicy`: its two inline scripts by hash, nothing else).
struct ReportRoutes: Sendable {
    let store: any Store
    let results: SessionResults

    func register(on group: RouterGroup<AppContext>) {
        group.get("/sessions/{id}/report/{file}") { request, context in
            let (coach, _) = try context.signedIn()
            guard let (session, _) = try await self.store.session(id: try context.id("id"), coachID: coach.id),
                  let name = context.parameters.get("file"),
                  let file = self.results.reportFile(sessionID: session.id, name: name)
            else { throw HTTPError(.notFound) }
            var headers: HTTPFields = [:]
            if name == "report.html" {
                // Its own policy, which the security headers keep (and then let this site frame the page: the
                // session's page and the comparison show the report in a frame).
                headers[.contentSecurityPolicy] = ContentSecurityPolicy.report
            }
            return try await FileResponses.file(file.url, contentType: file.contentType, request: request, context: context, extraHeaders: headers)
        }
    }
}
