import Foundation
import PoseRunCoaching
import PoseRunCore

/// The app's pages, rendered on the server as plain HTML (`HTML` escapes every value).
///
/// Why no templates: the pages are few and small, and Swift checks every field they name; a template
/// engine would add a runtime lookup and its own escaping rules.
public enum Pages {
    /// Who the page is for: the signed-in coach and the CSRF token their forms carry.
    public struct Viewer: Sendable {
        public var username: String
        public var csrfToken: String
    }

    /// The frame of every page. `refreshSeconds`: reload while work is in progress (app.js).
    public static func layout(title: String, viewer: Viewer?, refreshSeconds: Int? = nil, progressURL: String? = nil, scripts: [String] = [], wide: Bool = false, body: HTML) -> HTML {
        let nav: HTML
        if let viewer {
            nav = """
                <a href="/athletes">Athletes</a>
                <form method="post" action="/logout">\(CSRF.field(viewer.csrfToken))<button class="link" type="submit">Sign out \(viewer.username)</button></form>
                """
        } else {
            nav = ""
        }
        var refresh: HTML = refreshSeconds.map { " data-refresh-seconds=\"\($0)\"" } ?? ""
        if let progressURL { refresh = "\(refresh) data-progress-url=\"\(progressURL)\"" }
        let extra: [HTML] = scripts.map { "<script src=\"/static/\($0)\" defer></script>\n" }
        return """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title) · PoseRun</title>
            <link rel="icon" href="data:,">
            <link rel="stylesheet" href="/static/app.css">
            <script src="/static/app.js" defer></script>
            \(extra)</head>
            <body\(refresh)>
            <header><a class="brand" href="/">PoseRun</a>\(nav)</header>
            <main\(wide ? HTML(" class=\"wide\"") : "")>
            \(body)
            </main>
            </body>
            </html>
            """
    }

    // MARK: Sign-in

    public static func login(csrfToken: String, username: String = "", message: String? = nil) -> HTML {
        let notice: HTML = message.map { "<p class=\"notice error\" role=\"alert\">\($0)</p>" } ?? ""
        return layout(title: "Sign in", viewer: nil, body: """
            <h1>Sign in</h1>
            \(notice)
            <form method="post" action="/login">
            \(CSRF.field(csrfToken))
            <label for="username">Username</label>
            <input type="text" id="username" name="username" value="\(username)" autocomplete="username" autocapitalize="none" required>
            <label for="password">Password</label>
            <input type="password" id="password" name="password" autocomplete="current-password" required>
            <button type="submit">Sign in</button>
            </form>
            """)
    }

    // MARK: Athletes

    public static func athletes(_ athletes: [Athlete], viewer: Viewer) -> HTML {
        let items: [HTML] = athletes.map { athlete in
            "<li><a href=\"/athletes/\(athlete.id)\">\(athlete.name)</a> <span class=\"hint\">\(athlete.details.experience.rawValue)</span></li>"
        }
        let list: HTML = items.isEmpty ? "<p>No athletes yet.</p>" : "<ul class=\"list\">\(items)</ul>"
        return layout(title: "Athletes", viewer: viewer, body: """
            <h1>Athletes</h1>
            \(list)
            <a class="button" href="/athletes/new">Add an athlete</a>
            """)
    }

    /// The create or edit form. `values` are the fields as sent (or as stored), `errors` by field name.
    public static func athleteForm(
        title: String, action: String, values: AthleteFormValues, errors: [String: String], viewer: Viewer
    ) -> HTML {
        func error(_ field: String) -> HTML {
            errors[field].map { "<p class=\"error\" id=\"\(field)-error\">\($0)</p>" } ?? ""
        }
        let options: [HTML] = Experience.allCases.map { level in
            let selected: HTML = level.rawValue == values.experience ? " selected" : ""
            return "<option value=\"\(level.rawValue)\"\(selected)>\(level.rawValue)</option>"
        }
        return layout(title: title, viewer: viewer, body: """
            <h1>\(title)</h1>
            <form method="post" action="\(action)">
            \(CSRF.field(viewer.csrfToken))
            <label for="name">Name</label>
            <input type="text" id="name" name="name" value="\(values.name)" maxlength="\(AthleteFormValues.maxNameLength)" required>
            \(error("name"))
            <label for="height_m">Height in metres <span class="hint">(or the leg length below; either turns the video into metres)</span></label>
            <input type="number" id="height_m" name="height_m" value="\(values.height)" step="0.01" min="0.5" max="2.8" inputmode="decimal">
            \(error("height_m"))
            <label for="leg_length_m">Leg length in metres <span class="hint">(hip joint to ankle; used before the height)</span></label>
            <input type="number" id="leg_length_m" name="leg_length_m" value="\(values.legLength)" step="0.01" min="0.25" max="1.5" inputmode="decimal">
            \(error("leg_length_m"))
            <label for="experience">Experience</label>
            <select id="experience" name="experience">\(options)</select>
            \(error("experience"))
            <label for="injuries">Injury screen <span class="hint">(pain or injury, now or in the past, one per line; "none" if none. Any other answer leaves barefoot work out of the plan.)</span></label>
            <textarea id="injuries" name="injuries">\(values.injuries)</textarea>
            \(error("injuries"))
            <label for="notes">Notes</label>
            <textarea id="notes" name="notes">\(values.notes)</textarea>
            \(error("notes"))
            <button type="submit">Save</button>
            </form>
            """)
    }

    public static func athlete(
        _ athlete: Athlete, sessions: [(TrainingSession, JobRecord?)], viewer: Viewer, upload: UploadFormState = UploadFormState()
    ) -> HTML {
        let d = athlete.details
        let answers = d.injuryScreen.answers
        let screen = answers.isEmpty ? "not asked" : answers.joined(separator: "\n")
        let rows: [HTML] = sessions.map { session, _ in
            let s = session.details
            return """
                <li><a href="/sessions/\(session.id)">\(s.date)</a> \
                <span class="status \(session.status.rawValue)">\(session.status.rawValue)</span> \
                <span class="hint">\(s.footwear.rawValue)\(s.treadmillSpeed.map { ", \(Numbers.text($0)) m/s" })\(s.note.isEmpty ? "" : " · " + s.note)</span></li>
                """
        }
        let list: HTML = rows.isEmpty ? "<p>No sessions yet.</p>" : "<ul class=\"list\">\(rows)</ul>"
        let inProgress = sessions.contains { $0.0.status == .queued || $0.0.status == .analysing }
        return layout(title: athlete.name, viewer: viewer, refreshSeconds: inProgress ? 5 : nil, body: """
            <h1>\(athlete.name)</h1>
            <dl>
            <dt>Height</dt><dd>\(d.heightMetres.map { Numbers.text($0) + " m" } ?? "—")</dd>
            <dt>Leg length</dt><dd>\(d.legLengthMetres.map { Numbers.text($0) + " m" } ?? "—")</dd>
            <dt>Experience</dt><dd>\(d.experience.rawValue)</dd>
            <dt>Injury screen</dt><dd>\(screen)</dd>
            <dt>Notes</dt><dd>\(d.notes.isEmpty ? "—" : d.notes)</dd>
            </dl>
            <p class="actions"><a href="/athletes/\(athlete.id)/edit">Edit</a> · <a href="/athletes/\(athlete.id)/history">History</a> · \
            <a href="/athletes/\(athlete.id)/compare">Compare two sessions</a> · <a href="/athletes/\(athlete.id)/plan">Plan</a> · \
            <a href="/athletes/\(athlete.id)/export.csv">Sessions as CSV</a> · <a href="/athletes/\(athlete.id)/export.zip">Analysis folders as zip</a> · \
            <a href="/athletes/\(athlete.id)/delete">Delete</a></p>
            <h2>Sessions</h2>
            \(list)
            \(uploadForm(athleteID: athlete.id, state: upload, viewer: viewer))
            """)
    }

    /// What the upload form shows again after a refused upload: the values sent and what was wrong.
    public struct UploadFormState: Sendable {
        public var date: String = ""
        public var speed: String = ""
        public var footwear: String = SessionFootwear.shoes.rawValue
        public var note: String = ""
        public var error: String?

        public init(date: String = "", speed: String = "", footwear: String = SessionFootwear.shoes.rawValue, note: String = "", error: String? = nil) {
            self.date = date
            self.speed = speed
            self.footwear = footwear
            self.note = note
            self.error = error
        }
    }

    static func uploadForm(athleteID: Int64, state: UploadFormState, viewer: Viewer) -> HTML {
        let error: HTML = state.error.map { "<p class=\"notice error\" role=\"alert\">\($0)</p>" } ?? ""
        let footwear: [HTML] = SessionFootwear.allCases.map { option in
            let checked: HTML = option.rawValue == state.footwear ? " checked" : ""
            return "<label class=\"hint\"><input type=\"radio\" name=\"footwear\" value=\"\(option.rawValue)\"\(checked)> \(option.rawValue)</label>"
        }
        // The CSRF field comes first: the upload handler reads the parts in order and checks it before the file.
        return """
            <h2>Add a session</h2>
            \(error)
            <form method="post" action="/athletes/\(athleteID)/sessions" enctype="multipart/form-data">
            \(CSRF.field(viewer.csrfToken))
            <label for="date">Date filmed</label>
            <input type="date" id="date" name="date" value="\(state.date)" required>
            <label for="speed">Treadmill speed in m/s <span class="hint">(leave empty off a treadmill)</span></label>
            <input type="number" id="speed" name="speed" value="\(state.speed)" step="0.1" min="0.1" max="20" inputmode="decimal">
            <fieldset><legend>Footwear</legend>\(footwear)</fieldset>
            <label for="note">Note</label>
            <input type="text" id="note" name="note" value="\(state.note)" maxlength="500">
            <label for="file">Clip or keypoint file <span class="hint">(a video, TRC, C3D or PoseRun keypoints JSON)</span></label>
            <input type="file" id="file" name="file" required>
            <button type="submit">Upload and analyse</button>
            </form>
            """
    }

    // MARK: Errors

    public static func error(title: String, message: String) -> HTML {
        layout(title: title, viewer: nil, body: """
            <h1>\(title)</h1>
            <p>\(message)</p>
            <p><a href="/">Back to the start</a></p>
            """)
    }
}

/// The athlete form's fields as text, as sent or as stored, so a refused form comes back as typed.
public struct AthleteFormValues: Sendable, Equatable {
    public static let maxNameLength = 200
    public static let maxNotesLength = 10_000
    public static let maxInjuryAnswers = 50

    public var name = ""
    public var height = ""
    public var legLength = ""
    public var experience = Experience.beginner.rawValue
    public var injuries = ""
    public var notes = ""

    public init() {}

    public init(form: FormFields) {
        name = form.text("name")
        height = form.text("height_m")
        legLength = form.text("leg_length_m")
        experience = form.text("experience")
        injuries = form["injuries"] ?? ""
        notes = form["notes"] ?? ""
    }

    public init(_ draft: AthleteDraft) {
        name = draft.name
        height = draft.heightMetres.map(Numbers.text) ?? ""
        legLength = draft.legLengthMetres.map(Numbers.text) ?? ""
        experience = draft.experience.rawValue
        injuries = draft.injuryScreen.answers.joined(separator: "\n")
        notes = draft.notes
    }

    /// The draft the fields describe, or what is wrong with them, by field.
    public func draft() -> Result<AthleteDraft, FieldErrors> {
        var errors: [String: String] = [:]
        if name.isEmpty { errors["name"] = "Give the athlete's name." }
        if name.count > Self.maxNameLength { errors["name"] = "The name is longer than \(Self.maxNameLength) characters." }
        let height = Numbers.parse(self.height, field: "height_m", range: Plausibility.heights, unit: "metres", into: &errors)
        let legLength = Numbers.parse(self.legLength, field: "leg_length_m", range: Plausibility.legLengths, unit: "metres", into: &errors)
        let level = Experience(rawValue: experience)
        if level == nil { errors["experience"] = "Choose beginner, intermediate or advanced." }
        let answers = injuries.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if answers.count > Self.maxInjuryAnswers { errors["injuries"] = "At most \(Self.maxInjuryAnswers) lines." }
        if notes.count > Self.maxNotesLength { errors["notes"] = "The notes are longer than \(Self.maxNotesLength) characters." }
        guard errors.isEmpty, let level else { return .failure(FieldErrors(byField: errors)) }
        return .success(AthleteDraft(
            name: name, heightMetres: height, legLengthMetres: legLength, experience: level,
            injuryScreen: InjuryScreen(answers: answers), notes: notes))
    }
}

/// What is wrong with a form, by field name.
public struct FieldErrors: Error, Sendable, Equatable {
    public var byField: [String: String]
}

/// Numbers as a form shows and reads them.
enum Numbers {
    /// "1.75", "3" — no trailing zeros.
    static func text(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return String(value)
    }

    /// An optional number within `range`; an error in `errors[field]` if it is not a number or out of range.
    static func parse(
        _ input: String, field: String, range: ClosedRange<Double>, unit: String, into errors: inout [String: String]
    ) -> Double? {
        guard !input.isEmpty else { return nil }
        guard let value = Double(input.replacingOccurrences(of: ",", with: ".")), value.isFinite, range.contains(value) else {
            errors[field] = "Give \(unit) from \(text(range.lowerBound)) to \(text(range.upperBound)), or leave it empty."
            return nil
        }
        return value
    }
}
