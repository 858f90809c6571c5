public import Foundation
public import PoseRunCore

/// Why an `analysis.json` could not be used, naming the file and what to do.
public enum AnalysisFileError: Error, Sendable, Hashable, CustomStringConvertible {
    case missing(path: String)
    case noAnalysisInFolder(folder: String)
    case unreadable(path: String, reason: String)
    case notJSON(path: String, detail: String)
    case notAnAnalysis(path: String, detail: String)
    case newerSchema(path: String, found: Int, supported: Int)
    case malformed(path: String, detail: String)

    public var description: String {
        switch self {
        case .missing(let path):
            return "\(path) does not exist. Give an output folder of `poserun analyze --out` or its analysis.json."
        case .noAnalysisInFolder(let folder):
            return "\(folder) has no analysis.json. Run `poserun analyze INPUT --out \(folder)` first, or give the analysis.json itself."
        case .unreadable(let path, let reason):
            return "Cannot read \(path): \(reason). Check its permissions."
        case .notJSON(let path, let detail):
            return "\(path) is not JSON (\(detail)). Give the analysis.json that `poserun analyze --out` wrote."
        case .notAnAnalysis(let path, let detail):
            return "\(path) is JSON but not a PoseRun analysis (\(detail)). Give the analysis.json that `poserun analyze --out` wrote."
        case .newerSchema(let path, let found, let supported):
            return "\(path) has schema version \(found); this PoseRun reads up to \(supported). Update PoseRun to read it."
        case .malformed(let path, let detail):
            return "\(path) looks like a PoseRun analysis but cannot be read: \(detail). Run `poserun analyze` again to rewrite it."
        }
    }
}

/// The one reader of `analysis.json` (`compare`, `plan`, `report`, the benchmarks): a folder (its
/// analysis.json) or the file itself, telling apart "not JSON", "JSON but not ours" and "ours, but newer"
/// so the message says which. It validates what it reads: a bounded size, and every number finite and within
/// what an analysis holds, so no drawing or comparison downstream meets a value it cannot handle.
public enum AnalysisFileLoader {
    public static let fileName = "analysis.json"
    /// Keys every PoseRun analysis has at the top level.
    static let requiredKeys = ["schema_version", "input", "summary", "assessment"]
    /// A 30-minute clip's analysis is about 1.5 MB; a file fifty times larger is not one PoseRun wrote (a
    /// 177 MB one with its criteria repeated took `compare` 25 s and 5.9 GB).
    public static let largestFileBytes = 64 * 1024 * 1024
    /// The largest number an analysis may hold (`Plausibility.largestAnalysisNumber`).
    public static var largestNumber: Double { Plausibility.largestAnalysisNumber }

    public static func load(_ path: String) throws -> (analysis: Analysis, file: URL) {
        let url = try locate(path)
        if let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? NSNumber,
           size.intValue > largestFileBytes {
            throw AnalysisFileError.malformed(
                path: url.path, detail: "it is \(size.intValue / 1_048_576) MB, larger than any analysis PoseRun writes (\(largestFileBytes / 1_048_576) MB at most)")
        }
        let data: Data
        do { data = try FileContents.read(url) } catch {
            throw AnalysisFileError.unreadable(path: url.path, reason: (error as NSError).localizedDescription)
        }
        return (try decode(data, path: url.path), url)
    }

    /// The analysis.json the user meant: the file itself, or the one inside a folder.
    public static func locate(_ path: String) throws -> URL {
        var url = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw AnalysisFileError.missing(path: path)
        }
        if isDirectory.boolValue {
            url = url.appendingPathComponent(fileName)
            guard FileManager.default.fileExists(atPath: url.path) else { throw AnalysisFileError.noAnalysisInFolder(folder: path) }
        }
        return url
    }

    /// The first number out of bounds, with where it is ("summary.trunk_lean_deg.sd").
    static func firstImplausibleNumber(in object: Any, path: String = "") -> (path: String, value: Double)? {
        switch object {
        case let dictionary as [String: Any]:
            for (key, value) in dictionary {
                if let found = firstImplausibleNumber(in: value, path: path.isEmpty ? key : path + "." + key) { return found }
            }
        case let array as [Any]:
            for (i, value) in array.enumerated() {
                if let found = firstImplausibleNumber(in: value, path: path + "[\(i)]") { return found }
            }
        case let number as NSNumber:
            // Booleans are NSNumbers too; they are 0 or 1.
            let v = number.doubleValue
            if !v.isFinite || abs(v) > largestNumber { return (path, v) }
        default:
            break
        }
        return nil
    }

    /// Reads an analysis from bytes; `path` names it in errors.
    public static func decode(_ data: Data, path: String) throws -> Analysis {
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: data) } catch {
            let start = String(decoding: data.prefix(20), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw AnalysisFileError.notJSON(path: path, detail: start.isEmpty ? "the file is empty" : "it starts with \"\(start)\"")
        }
        if let duplicate = JSONDuplicateKeys.first(in: data) {
            throw AnalysisFileError.malformed(
                path: path, detail: "line \(duplicate.line): the key \"\(duplicate.key.prefix(80))\" appears twice in one object")
        }
        guard let top = object as? [String: Any] else {
            throw AnalysisFileError.notAnAnalysis(path: path, detail: "the top level is not an object")
        }
        let missing = requiredKeys.filter { top[$0] == nil }
        guard missing.isEmpty else {
            throw AnalysisFileError.notAnAnalysis(path: path, detail: "no \(missing.joined(separator: ", ")) field")
        }
        guard let version = top["schema_version"] as? Int else {
            throw AnalysisFileError.notAnAnalysis(path: path, detail: "schema_version is not a whole number")
        }
        guard version <= Analysis.currentSchemaVersion else {
            throw AnalysisFileError.newerSchema(path: path, found: version, supported: Analysis.currentSchemaVersion)
        }
        if let (field, value) = firstImplausibleNumber(in: top) {
            throw AnalysisFileError.malformed(
                path: path, detail: "\(field) is \(value), outside what an analysis holds (±\(Int(largestNumber)))")
        }
        do {
            return try AnalysisCodec.decoder().decode(Analysis.self, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw AnalysisFileError.malformed(path: path, detail: "no \(key.stringValue) at \(where_(context))")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            throw AnalysisFileError.malformed(path: path, detail: "unexpected value at \(where_(context))")
        } catch let DecodingError.dataCorrupted(context) {
            throw AnalysisFileError.malformed(path: path, detail: "\(context.debugDescription) at \(where_(context))")
        } catch {
            throw AnalysisFileError.malformed(path: path, detail: "\(error)")
        }
    }

    private static func where_(_ context: DecodingError.Context) -> String {
        let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        return path.isEmpty ? "the top level" : path
    }
}
