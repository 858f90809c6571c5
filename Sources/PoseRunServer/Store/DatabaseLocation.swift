import Foundation

/// Where the web app keeps its rows: the SQLite file in the data folder (one machine), or a PostgreSQL
/// server that servers and workers on several machines share. Parsed from `--database`; never printed with
/// its password (`description` hides it).
public enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible {
    /// A SQLite file at this path.
    case sqlite(path: String)
    case postgres(PostgresAddress)

    /// Reads `--database`: `postgres://USER:PASSWORD@HOST:PORT/DATABASE` (or `postgresql://`), with an
    /// optional `?sslmode=disable|prefer|require|verify-full` as libpq takes it, or `sqlite:PATH` for a SQLite
    /// file outside the data folder. Throws `DatabaseLocation.Problem`, which says what is wrong and what to
    /// write instead, and never repeats the password.
    public init(parsing text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.lowercased().hasPrefix("sqlite:") {
            let path = String(trimmed.dropFirst("sqlite:".count))
            guard !path.isEmpty else { throw Problem("sqlite: needs a file's path, as in sqlite:/srv/poserun/poserun.sqlite") }
            self = .sqlite(path: path)
            return
        }
        self = .postgres(try PostgresAddress(parsing: trimmed))
    }

    public var description: String {
        switch self {
        case .sqlite(let path): "sqlite:\(path)"
        case .postgres(let address): address.description
        }
    }

    /// A `--database` value that cannot be used, in words that say what to write instead.
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String

        init(_ description: String) {
            self.description = description
        }
    }
}

/// A PostgreSQL server and database, as a `postgres://` URL names them.
public struct PostgresAddress: Sendable, Equatable, CustomStringConvertible {
    /// How the connection is encrypted, with libpq's names and meanings: `prefer` (libpq's default) and
    /// `require` encrypt without checking the server's certificate; `verifyFull` checks it and its name.
    public enum TLSMode: String, Sendable, Equatable, CaseIterable {
        case disable, prefer, require
        case verifyFull = "verify-full"
    }

    public var host: String
    public var port: Int
    public var username: String
    public var password: String?
    public var database: String
    public var tls: TLSMode
    /// The schema the tables live in, created if missing; nil: the server's `search_path` (normally
    /// `public`). Lets several apps, or the tests (one schema each), share a database.
    public var schema: String?

    public init(
        host: String, port: Int = 5432, username: String, password: String?, database: String, tls: TLSMode = .prefer,
        schema: String? = nil
    ) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.database = database
        self.tls = tls
        self.schema = schema
    }

    static let example = "postgres://USER:PASSWORD@HOST:5432/DATABASE"

    public init(parsing text: String) throws {
        typealias Problem = DatabaseLocation.Problem
        let scheme = text.split(separator: ":", maxSplits: 1).first.map { $0.lowercased() } ?? ""
        guard scheme == "postgres" || scheme == "postgresql" else {
            throw Problem(
                "expected a PostgreSQL URL, \(Self.example) (or sqlite:PATH); leave --database out to keep SQLite in the data folder")
        }
        guard let components = URLComponents(string: text) else {
            throw Problem("the URL cannot be read; write it as \(Self.example), with %-escapes for @, : or / in the password")
        }
        guard let host = components.host, !host.isEmpty else {
            throw Problem("the URL names no server; write it as \(Self.example)")
        }
        guard let user = components.user, !user.isEmpty else {
            throw Problem("the URL names no user; write it as \(Self.example)")
        }
        let port = components.port ?? 5432
        guard (1...65535).contains(port) else { throw Problem("the URL's port \(port) is not from 1 to 65535; write it as \(Self.example)") }
        var database = components.path
        if database.hasPrefix("/") { database.removeFirst() }
        guard !database.contains("/") else {
            throw Problem("the URL's path is the database's name alone; write it as \(Self.example)")
        }
        var tls = TLSMode.prefer
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let mode = TLSMode(rawValue: item.value ?? "") else {
                    let modes = TLSMode.allCases.map(\.rawValue).joined(separator: ", ")
                    throw Problem("the URL's sslmode=\(item.value ?? "") is not one of \(modes), as in \(Self.example)?sslmode=require")
                }
                tls = mode
            default:
                throw Problem("the URL's option \(item.name) is not one PoseRun reads; it reads sslmode, as in \(Self.example)?sslmode=require")
            }
        }
        self.init(
            host: host, port: port, username: user, password: components.password, database: database.isEmpty ? user : database,
            tls: tls)
    }

    /// The URL with the password hidden: safe for a log line or an error message.
    public var description: String {
        let password = password == nil ? "" : ":***"
        let query = tls == .prefer ? "" : "?sslmode=\(tls.rawValue)"
        let hostPart = host.contains(":") ? "[\(host)]" : host
        return "postgres://\(username)\(password)@\(hostPart):\(port)/\(database)\(query)"
    }
}
