public import Foundation
public import PoseRunCoaching

/// A coach who signs in. Only the bcrypt hash of the password is kept.
public struct Coach: Sendable, Equatable {
    public var id: Int64
    public var username: String
    public var passwordHash: String
    public var createdAt: Date

    public init(id: Int64, username: String, passwordHash: String, createdAt: Date) {
        self.id = id
        self.username = username
        self.passwordHash = passwordHash
        self.createdAt = createdAt
    }
}

/// A signed-in browser. `token` is the SHA-256 of the cookie's value (`Secrets.digest`), the cookie itself
/// 256 random bits, so the digest is the row's id and the database holds no usable cookie; `csrfToken` is
/// what every form of this session carries.
public struct LoginSession: Sendable, Equatable {
    public var token: String
    public var coachID: Int64
    public var csrfToken: String
    public var createdAt: Date
    public var expiresAt: Date

    public init(token: String, coachID: Int64, csrfToken: String, createdAt: Date, expiresAt: Date) {
        self.token = token
        self.coachID = coachID
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}

/// The plan's injury screen: pain or injury, now or in the runner's history, in their words (as
/// `poserun plan --injury`); any answer but "none" leaves barefoot work out of the plan. Stored as JSON so
/// a later screen can add questions without a migration of its own.
public struct InjuryScreen: Sendable, Equatable, Codable {
    public var answers: [String]

    public init(answers: [String] = []) {
        self.answers = answers
    }

    /// The answers as `RunnerProfile` reads them.
    public var reportsPainOrInjury: Bool { RunnerProfile(injuries: answers).reportsPainOrInjury }
}

/// What a coach types about an athlete: the fields of the create and edit forms.
public struct AthleteDraft: Sendable, Equatable {
    public var name: String
    public var heightMetres: Double?
    public var legLengthMetres: Double?
    public var experience: Experience
    public var injuryScreen: InjuryScreen
    public var notes: String

    public init(
        name: String, heightMetres: Double? = nil, legLengthMetres: Double? = nil, experience: Experience = .beginner,
        injuryScreen: InjuryScreen = InjuryScreen(), notes: String = ""
    ) {
        self.name = name
        self.heightMetres = heightMetres
        self.legLengthMetres = legLengthMetres
        self.experience = experience
        self.injuryScreen = injuryScreen
        self.notes = notes
    }
}

/// An athlete, always one coach's.
public struct Athlete: Sendable, Equatable {
    public var id: Int64
    public var coachID: Int64
    public var details: AthleteDraft
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: Int64, coachID: Int64, details: AthleteDraft, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.coachID = coachID
        self.details = details
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public var name: String { details.name }
}

/// What the runner wore for a session.
public enum SessionFootwear: String, Sendable, Equatable, CaseIterable {
    case shoes, barefoot
}

/// Where a session's analysis stands, as the athlete's page shows it.
public enum SessionStatus: String, Sendable, Equatable, CaseIterable {
    /// Uploaded, waiting for a worker.
    case queued
    /// A worker is analysing it.
    case analysing
    /// Analysed; the results are in the session's results folder.
    case analysed
    /// Read, but no analysis could be made (no running, too few steps, slow motion without its rate).
    case noAnalysis = "no-analysis"
    /// The analysis failed three times; the job says why.
    case failed
}

/// What the upload form gives about a training session.
public struct TrainingSessionDraft: Sendable, Equatable {
    /// The day it was filmed, `YYYY-MM-DD`.
    public var date: String
    public var treadmillSpeed: Double?
    public var footwear: SessionFootwear
    public var note: String
    /// The uploaded file's name as the coach's device gave it: shown, never used as a path.
    public var originalFileName: String

    public init(date: String, treadmillSpeed: Double? = nil, footwear: SessionFootwear = .shoes, note: String = "", originalFileName: String = "") {
        self.date = date
        self.treadmillSpeed = treadmillSpeed
        self.footwear = footwear
        self.note = note
        self.originalFileName = originalFileName
    }
}

/// A filmed (or captured) session of one athlete.
public struct TrainingSession: Sendable, Equatable {
    public var id: Int64
    public var athleteID: Int64
    public var details: TrainingSessionDraft
    /// The upload's generated name in the uploads folder (`<uuid>.<ext>`): never the coach's own name.
    public var storedFileName: String
    public var status: SessionStatus
    /// Why there is no analysis, when `status` is `noAnalysis`.
    public var statusNote: String?
    public var createdAt: Date

    public init(
        id: Int64, athleteID: Int64, details: TrainingSessionDraft, storedFileName: String, status: SessionStatus,
        statusNote: String? = nil, createdAt: Date
    ) {
        self.id = id
        self.athleteID = athleteID
        self.details = details
        self.storedFileName = storedFileName
        self.status = status
        self.statusNote = statusNote
        self.createdAt = createdAt
    }
}

/// A job's state in the queue.
public enum JobState: String, Sendable, Equatable, CaseIterable {
    case queued, running, done, failed
}

/// One analysis job, one per uploaded session.
public struct JobRecord: Sendable, Equatable {
    public var id: Int64
    public var sessionID: Int64
    public var state: JobState
    public var attempts: Int
    /// While running: when the worker's claim runs out and another worker may take the job.
    public var leaseUntil: Date?
    /// The last attempt's error, in words.
    public var error: String?
    public var updatedAt: Date
    /// While running: how far the attempt has got (0…1), and the stage in words ("finding the pose").
    public var progress: Double?
    public var stage: String?

    public init(
        id: Int64, sessionID: Int64, state: JobState, attempts: Int, leaseUntil: Date?, error: String?, updatedAt: Date,
        progress: Double? = nil, stage: String? = nil
    ) {
        self.id = id
        self.sessionID = sessionID
        self.state = state
        self.attempts = attempts
        self.leaseUntil = leaseUntil
        self.error = error
        self.updatedAt = updatedAt
        self.progress = progress
        self.stage = stage
    }
}

/// A job a worker has claimed, with what the analysis needs to run it.
public struct ClaimedJob: Sendable, Equatable {
    public var job: JobRecord
    public var session: TrainingSession
    public var athlete: Athlete
}

/// How a job ended, as the worker reports it.
public enum JobOutcome: Sendable, Equatable {
    /// Analysed; results written.
    case analysed
    /// Read, but no analysis could be made; `reason` says why (shown on the session's page).
    case noAnalysis(reason: String)
    /// This attempt failed with `error`; the job is queued again unless it has had its attempts.
    case failed(error: String)
}
