import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import PoseRunCore
import PoseRunVision

/// Training sessions: the upload (a session row and its queued job, in one transaction), the session's
/// page, and its result files.
struct SessionRoutes: Sendable {
    let store: any Store
    let storage: any FileStorage
    /// The data folder, where `SessionResults` reads the analysis back for the page (a folder storage's).
    let folders: DataFolders
    let receiver: UploadReceiver
    /// The longest clip accepted (`ServerConfiguration.maxClipSeconds`).
    let maxClipSeconds: Double
    let now: @Sendable () -> Date

    /// The result files a session's page offers, by name: only these are ever served, as downloads.
    static let resultFiles: [String: String] = [
        "analysis.json": "application/json",
        "steps.csv": "text/csv; charset=utf-8",
        "keypoints.json": "application/json",
        "keypoints.trc": "text/plain; charset=utf-8",
    ]

    /// The upload route's path, for the CSRF middleware (which leaves the multipart check to the receiver).
    static func isUploadPath(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0].isEmpty && parts[1] == "athletes" && Int64(parts[2]) != nil && parts[3] == "sessions"
    }

    func register(on group: RouterGroup<AppContext>) {
        group.post("/athletes/{id}/sessions") { request, context in try await self.upload(request, context: context) }
        group.get("/sessions/{id}") { _, context in
            let (coach, viewer) = try context.signedIn()
            guard let (session, job) = try await self.store.session(id: try context.id("id"), coachID: coach.id),
                  let athlete = try await self.store.athlete(id: session.athleteID, coachID: coach.id)
            else { throw HTTPError(.notFound) }
            let results = SessionResults(folders: self.folders)
            return Responses.html(Pages.session(
                session, job: job, athlete: athlete, analysis: results.analysis(of: session.id),
                hasReport: results.hasReport(sessionID: session.id), results: try await self.results(of: session), viewer: viewer))
        }
        group.get("/sessions/{id}/results/{file}") { _, context in
            let (coach, _) = try context.signedIn()
            guard let (session, _) = try await self.store.session(id: try context.id("id"), coachID: coach.id),
                  let name = context.parameters.get("file"), let type = Self.resultFiles[name]
            else { throw HTTPError(.notFound) }
            guard let data = try? await self.storage.result(name, sessionID: session.id) else { throw HTTPError(.notFound) }
            return Response(
                status: .ok,
                headers: [.contentType: type, .contentDisposition: "attachment; filename=\"\(name)\""],
                body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
    }

    /// The result files that exist for the session, in a fixed order.
    func results(of session: TrainingSession) async throws -> [String] {
        try await storage.results(named: Self.resultFiles.keys.sorted(), sessionID: session.id)
    }

    func upload(_ request: Request, context: AppContext) async throws -> Response {
        let (coach, viewer) = try context.signedIn()
        let athleteID = try context.id("id")
        // Whose athlete is checked before a byte is read, and again in the transaction that stores the session.
        guard let athlete = try await store.athlete(id: athleteID, coachID: coach.id) else { throw HTTPError(.notFound) }
        func refuse(_ status: HTTPResponse.Status, _ message: String, fields: [String: String]) async throws -> Response {
            let state = Pages.UploadFormState(
                date: fields["date"] ?? "", speed: fields["speed"] ?? "", footwear: fields["footwear"] ?? SessionFootwear.shoes.rawValue,
                note: fields["note"] ?? "", error: message)
            let sessions = try await store.sessions(athleteID: athlete.id, coachID: coach.id)
            return Responses.html(Pages.athlete(athlete, sessions: sessions, viewer: viewer, upload: state), status: status)
        }
        let received: UploadReceiver.Received
        do {
            received = try await receiver.receive(request, csrfToken: viewer.csrfToken)
        } catch let refusal as UploadReceiver.Refusal {
            if refusal.status == .forbidden { throw HTTPError(.forbidden, message: refusal.message) }
            return try await refuse(refusal.status, refusal.message, fields: refusal.fields)
        }
        // A kept upload whose session is not stored (a bad field, an athlete deleted meanwhile) is removed.
        do {
            let draft: TrainingSessionDraft
            switch Self.draft(received.fields, originalFileName: received.originalFileName) {
            case .success(let value): draft = value
            case .failure(let problem):
                try? await storage.removeUpload(received.storedFileName)
                return try await refuse(.unprocessableContent, problem.message, fields: received.fields)
            }
            if received.kind == .video {
                let problem = try await storage.withUpload(received.storedFileName) { clip in
                    await Self.clipProblem(clip, name: received.originalFileName, maxSeconds: maxClipSeconds)
                }
                if let problem {
                    try? await storage.removeUpload(received.storedFileName)
                    return try await refuse(problem.status, problem.message, fields: received.fields)
                }
            }
            guard let (session, _) = try await store.createSession(
                draft, athleteID: athlete.id, coachID: coach.id, storedFileName: received.storedFileName, now: now())
            else { throw HTTPError(.notFound) }
            return Responses.seeOther("/sessions/\(session.id)")
        } catch {
            try? await storage.removeUpload(received.storedFileName)
            throw error
        }
    }

    struct Problem: Error {
        var message: String
    }

    /// Why a clip is refused before it is queued: longer than the limit, or not a video ffprobe can read.
    /// Without ffprobe on this machine (a web server whose workers run elsewhere) the worker decides.
    static func clipProblem(_ clip: URL, name: String, maxSeconds: Double) async -> (status: HTTPResponse.Status, message: String)? {
        let found = try? await Offload.run { () -> (status: HTTPResponse.Status, message: String)? in
            do {
                let info = try VideoProbe.probe(clip)
                let seconds = info.durationSeconds ?? info.frameTimes.last ?? 0
                guard seconds <= maxSeconds else {
                    return (.contentTooLarge, "The clip is \(Int(seconds.rounded(.up))) s long; at most \(Int(maxSeconds)) s (\(Int(maxSeconds / 60)) min) can be analysed here. Trim it to the strides you want looked at.")
                }
                return nil
            } catch VideoError.toolMissing {
                return nil
            } catch {
                let text = String(describing: error).replacingOccurrences(of: clip.path, with: name)
                return (.unprocessableContent, "The clip cannot be read as a video (\(text)).")
            }
        }
        return found ?? nil
    }

    /// The session's fields from the upload form, checked.
    static func draft(_ fields: [String: String], originalFileName: String) -> Result<TrainingSessionDraft, Problem> {
        let date = (fields["date"] ?? "").trimmingCharacters(in: .whitespaces)
        guard isDate(date) else { return .failure(Problem(message: "Give the date it was filmed (YYYY-MM-DD).")) }
        let speedText = (fields["speed"] ?? "").trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")
        var speed: Double?
        if !speedText.isEmpty {
            guard let value = Double(speedText), value.isFinite, Plausibility.speeds.contains(value) else {
                return .failure(Problem(message: "Give the treadmill speed in m/s, from \(Numbers.text(Plausibility.speeds.lowerBound)) to \(Numbers.text(Plausibility.speeds.upperBound)), or leave it empty."))
            }
            speed = value
        }
        guard let footwear = SessionFootwear(rawValue: fields["footwear"] ?? SessionFootwear.shoes.rawValue) else {
            return .failure(Problem(message: "Choose shoes or barefoot."))
        }
        let note = (fields["note"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard note.count <= 500 else { return .failure(Problem(message: "The note is longer than 500 characters.")) }
        return .success(TrainingSessionDraft(date: date, treadmillSpeed: speed, footwear: footwear, note: note, originalFileName: originalFileName))
    }

    /// A real calendar day written `YYYY-MM-DD`.
    static func isDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1900...2200).contains(year), (1...12).contains(month), day >= 1
        else { return false }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        guard let date = calendar.date(from: DateComponents(year: year, month: month, day: day)) else { return false }
        return calendar.component(.day, from: date) == day && calendar.component(.month, from: date) == month
    }
}
