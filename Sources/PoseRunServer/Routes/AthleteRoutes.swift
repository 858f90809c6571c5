import Foundation
import Hummingbird

/// Athletes: list, create, view, edit — each coach's own only (the store's queries take the coach's id, so
/// another coach's athlete is `nil` here, and a 404 to the browser: not even its existence is told).
struct AthleteRoutes: Sendable {
    let store: any Store
    let now: @Sendable () -> Date

    func register(on group: RouterGroup<AppContext>) {
        group.get("/athletes") { _, context in
            let (coach, viewer) = try context.signedIn()
            return Responses.html(Pages.athletes(try await self.store.athletes(coachID: coach.id), viewer: viewer))
        }
        group.get("/athletes/new") { _, context in
            let (_, viewer) = try context.signedIn()
            return Responses.html(Pages.athleteForm(title: "New athlete", action: "/athletes", values: AthleteFormValues(), errors: [:], viewer: viewer))
        }
        group.post("/athletes") { _, context in
            let (coach, viewer) = try context.signedIn()
            let values = AthleteFormValues(form: context.form ?? FormFields(values: [:]))
            switch values.draft() {
            case .success(let draft):
                let athlete = try await self.store.createAthlete(draft, coachID: coach.id, now: self.now())
                return Responses.seeOther("/athletes/\(athlete.id)")
            case .failure(let errors):
                return Responses.html(
                    Pages.athleteForm(title: "New athlete", action: "/athletes", values: values, errors: errors.byField, viewer: viewer),
                    status: .unprocessableContent)
            }
        }
        group.get("/athletes/{id}") { _, context in
            let (coach, viewer) = try context.signedIn()
            let athlete = try await self.athlete(context, coach: coach)
            let sessions = try await self.store.sessions(athleteID: athlete.id, coachID: coach.id)
            return Responses.html(Pages.athlete(athlete, sessions: sessions, viewer: viewer))
        }
        group.get("/athletes/{id}/edit") { _, context in
            let (coach, viewer) = try context.signedIn()
            let athlete = try await self.athlete(context, coach: coach)
            return Responses.html(Pages.athleteForm(
                title: "Edit \(athlete.name)", action: "/athletes/\(athlete.id)", values: AthleteFormValues(athlete.details), errors: [:],
                viewer: viewer))
        }
        group.post("/athletes/{id}") { _, context in
            let (coach, viewer) = try context.signedIn()
            let id = try context.id("id")
            let values = AthleteFormValues(form: context.form ?? FormFields(values: [:]))
            switch values.draft() {
            case .success(let draft):
                guard let athlete = try await self.store.updateAthlete(id: id, coachID: coach.id, draft, now: self.now()) else {
                    throw HTTPError(.notFound)
                }
                return Responses.seeOther("/athletes/\(athlete.id)")
            case .failure(let errors):
                // Say nothing about an athlete that is not this coach's, not even that the form was wrong.
                guard try await self.store.athlete(id: id, coachID: coach.id) != nil else { throw HTTPError(.notFound) }
                return Responses.html(
                    Pages.athleteForm(title: "Edit athlete", action: "/athletes/\(id)", values: values, errors: errors.byField, viewer: viewer),
                    status: .unprocessableContent)
            }
        }
    }

    func athlete(_ context: AppContext, coach: Coach) async throws -> Athlete {
        guard let athlete = try await store.athlete(id: try context.id("id"), coachID: coach.id) else { throw HTTPError(.notFound) }
        return athlete
    }
}
