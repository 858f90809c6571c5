import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// A session's live progress as server-sent events (`text/event-stream`): the session's page opens it
/// while the analysis is queued or running, moves its bar, and reloads when the analysis ends.
///
/// Why server-sent events and not a websocket: the page only listens, SSE is plain HTTP (so the session
/// cookie, the CSP's `'self'` and a proxy all apply unchanged), and the browser reconnects by itself.
/// The progress is read from the store, which every worker writes, so it works with workers on other
/// machines.
struct ProgressRoutes: Sendable {
    let store: any Store
    /// How often the store is asked (each ask is one indexed read).
    let pollInterval: Duration
    /// How long one stream lasts before the server ends it; the browser's EventSource then reconnects.
    /// Bounds what a page left open costs.
    let streamLifetime: Duration

    init(store: any Store, pollInterval: Duration = .milliseconds(500), streamLifetime: Duration = .seconds(600)) {
        self.store = store
        self.pollInterval = pollInterval
        self.streamLifetime = streamLifetime
    }

    /// One event's data: where the session's analysis stands.
    struct Progress: Codable, Equatable, Sendable {
        var status: String
        var progress: Double?
        var stage: String?
        var attempts: Int
        var note: String?
        /// The analysis has ended (analysed, no analysis, or failed): the page reloads to show it.
        var finished: Bool
    }

    static func progress(_ session: TrainingSession, job: JobRecord?) -> Progress {
        let finished = session.status != .queued && session.status != .analysing
        return Progress(
            status: session.status.rawValue, progress: finished ? nil : job?.progress, stage: finished ? nil : job?.stage,
            attempts: job?.attempts ?? 0, note: session.statusNote, finished: finished)
    }

    static func event(_ progress: Progress) -> ByteBuffer {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = (try? encoder.encode(progress)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return ByteBuffer(string: "event: progress\ndata: \(json)\n\n")
    }

    func register(on group: RouterGroup<AppContext>) {
        group.get("/sessions/{id}/progress") { _, context in
            let (coach, _) = try context.signedIn()
            let sessionID = try context.id("id")
            guard try await self.store.session(id: sessionID, coachID: coach.id) != nil else { throw HTTPError(.notFound) }
            let store = self.store, poll = self.pollInterval, lifetime = self.streamLifetime
            let body = ResponseBody { writer in
                let clock = ContinuousClock()
                let end = clock.now.advanced(by: lifetime)
                var last: Progress?
                var lastWrite = clock.now
                // Tells the browser to wait 2 s before reconnecting, when a stream ends or breaks.
                try await writer.write(ByteBuffer(string: "retry: 2000\n\n"))
                while clock.now < end {
                    guard let (session, job) = try await store.session(id: sessionID, coachID: coach.id) else { break }
                    let now = Self.progress(session, job: job)
                    if now != last {
                        try await writer.write(Self.event(now))
                        last = now
                        lastWrite = clock.now
                        if now.finished { break }
                    } else if clock.now - lastWrite > .seconds(15) {
                        // A comment line keeps proxies from closing a quiet stream.
                        try await writer.write(ByteBuffer(string: ": waiting\n\n"))
                        lastWrite = clock.now
                    }
                    try await Task.sleep(for: poll)
                }
                try await writer.finish(nil)
            }
            return Response(
                status: .ok, headers: [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-store"], body: body)
        }
    }
}
