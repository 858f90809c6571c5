public import Foundation
public import PoseRunCore

/// Canonical landmarks over time in 3D, in metres, in the file's own axes: what a marker mapping
/// produces and what ``SagittalProjection`` flattens.
public struct LandmarkTrajectories: Sendable, Hashable {
    public var times: [Double]
    public var frameNumbers: [Int]
    public var frameRate: Double
    /// One series per landmark the mapping could build; `NaN` components where missing.
    public var positions: [Landmark: [SIMD3<Double>]]

    public init(times: [Double], frameNumbers: [Int], frameRate: Double, positions: [Landmark: [SIMD3<Double>]]) {
        self.times = times
        self.frameNumbers = frameNumbers
        self.frameRate = frameRate
        self.positions = positions
    }

    public var frameCount: Int { times.count }
}

/// Which file markers make each canonical landmark, resolved for one file.
public struct MarkerMapping: Sendable, Hashable {
    /// The built-in set used, or "custom map (FILE)".
    public var markerSetName: String
    /// The source of each landmark that could be built, with the file's own marker names.
    public var sources: [Landmark: MarkerSource]
    /// Landmarks nothing in the file provides.
    public var missing: [Landmark]

    /// How the hips were obtained, for reports: a regression, or the markers named.
    public var hipMethod: String? {
        for side in Side.allCases {
            if let source = sources[.hip(side)] {
                if case .hipJointCentre = source { return HipJointCentre.method }
                return "markers (\(source))"
            }
        }
        return nil
    }

    /// One line per landmark, for the report and `--verbose` output.
    public var summary: [String] {
        Landmark.allCases.map { landmark in
            "\(landmark): " + (sources[landmark].map(\.description) ?? "missing")
        }
    }

    // MARK: - Choosing a mapping

    /// Picks the built-in marker set that builds the most landmarks from these names.
    ///
    /// Throws `.missingMarkers` when no set yields at least one leg landmark on each side,
    /// listing the file's names and pointing to `--markers`.
    public static func detect(markerNames: [String], fileName: String) throws -> MarkerMapping {
        let lookup = MarkerNameLookup(markerNames)
        var best: MarkerMapping?
        var bestCount = 0
        for set in MarkerSet.builtIn {
            let mapping = resolve(set, lookup: lookup)
            if mapping.sources.count > bestCount {
                best = mapping
                bestCount = mapping.sources.count
            }
        }
        let legs = Side.allCases.allSatisfy { side in
            Landmark.leg(side).contains { best?.sources[$0] != nil }
        }
        guard let best, legs else {
            throw FormatError(
                .missingMarkers, file: fileName,
                problem: "the marker names match none of the built-in marker sets (Plug-in Gait, OpenSim Hamner, OpenSim Dorn, BODY_25); the file has: \(markerNames.joined(separator: ", "))",
                remedy: "give a marker map (a JSON file) from PoseRun's landmarks (\(Landmark.allCases.map(\.rawValue).joined(separator: ", "))) to these names",
                option: .markerMap)
        }
        return best
    }

    /// Resolves a marker set against a file's names: the first usable alternative per landmark.
    public static func resolve(_ set: MarkerSet, markerNames: [String]) -> MarkerMapping {
        resolve(set, lookup: MarkerNameLookup(markerNames))
    }

    static func resolve(_ set: MarkerSet, lookup: MarkerNameLookup) -> MarkerMapping {
        var sources: [Landmark: MarkerSource] = [:]
        for landmark in Landmark.allCases {
            for alternative in set.rules[landmark] ?? [] {
                if let resolved = lookup.resolve(alternative) {
                    sources[landmark] = resolved
                    break
                }
            }
        }
        return MarkerMapping(
            markerSetName: set.name, sources: sources, missing: Landmark.allCases.filter { sources[$0] == nil })
    }

    /// A user's map (`--markers MAP.json`): a JSON object from canonical landmark names to a marker
    /// name or a list of names to average, plus an optional `"hip_joint_centre"` object
    /// (`left_asis`, `right_asis`, and `sacrum` or `left_psis` + `right_psis`) to estimate hips that
    /// the map does not name. Every named marker must be in the file.
    public static func custom(mapData data: Data, mapName: String, markerNames: [String], fileName: String) throws -> MarkerMapping {
        if let duplicate = JSONDuplicateKeys.first(in: data) {
            let said = JSONDuplicateKeys.problem(duplicate)
            throw FormatError(.malformed, file: mapName, location: said.location, problem: said.problem, remedy: said.remedy)
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw FormatError(.malformed, file: mapName, problem: "the marker map is not valid JSON", remedy: "write a JSON object such as {\"left_heel\": \"LHEE\"}")
        }
        guard let entries = object as? [String: Any] else {
            throw FormatError(.malformed, file: mapName, problem: "the marker map must be a JSON object from landmark names to marker names")
        }
        var wanted: [Landmark: MarkerSource] = [:]
        var unknownKeys: [String] = []
        for (key, value) in entries.sorted(by: { $0.key < $1.key }) {
            if key == "hip_joint_centre" { continue }
            guard let landmark = Landmark(rawValue: key) else { unknownKeys.append(key); continue }
            if let name = value as? String, !name.isEmpty {
                wanted[landmark] = .average([name])
            } else if let names = value as? [String], !names.isEmpty, names.allSatisfy({ !$0.isEmpty }) {
                wanted[landmark] = .average(names)
            } else {
                throw FormatError(.malformed, file: mapName, location: "entry \"\(key)\"",
                                  problem: "the value must be a marker name or a non-empty list of marker names")
            }
        }
        guard unknownKeys.isEmpty else {
            throw FormatError(.malformed, file: mapName, problem: "unknown landmark names: \(unknownKeys.joined(separator: ", "))",
                              remedy: "use PoseRun's names: \(Landmark.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let hjc = entries["hip_joint_centre"] {
            guard let fields = hjc as? [String: String], let la = fields["left_asis"], let ra = fields["right_asis"] else {
                throw FormatError(.malformed, file: mapName, location: "entry \"hip_joint_centre\"",
                                  problem: "expected an object with left_asis, right_asis and sacrum (or left_psis and right_psis)")
            }
            let posterior: [String]
            if let sacrum = fields["sacrum"] { posterior = [sacrum] }
            else if let lp = fields["left_psis"], let rp = fields["right_psis"] { posterior = [lp, rp] }
            else {
                throw FormatError(.malformed, file: mapName, location: "entry \"hip_joint_centre\"",
                                  problem: "needs sacrum, or left_psis and right_psis, to orient the pelvis")
            }
            let pelvis = PelvisMarkers(leftASIS: la, rightASIS: ra, posterior: posterior)
            for side in Side.allCases where wanted[.hip(side)] == nil {
                wanted[.hip(side)] = .hipJointCentre(side, pelvis: pelvis)
            }
        }
        guard !wanted.isEmpty else {
            throw FormatError(.malformed, file: mapName, problem: "the marker map names no landmarks")
        }
        let lookup = MarkerNameLookup(markerNames)
        var sources: [Landmark: MarkerSource] = [:]
        var absent: [String] = []
        for (landmark, source) in wanted {
            if let resolved = lookup.resolve(source) { sources[landmark] = resolved } else {
                absent += lookup.absentNames(in: source)
            }
        }
        guard absent.isEmpty else {
            throw FormatError(
                .missingMarkers, file: fileName,
                problem: "the marker map \(mapName) names markers the file lacks: \(Array(Set(absent)).sorted().joined(separator: ", ")); the file has: \(markerNames.joined(separator: ", "))",
                remedy: "correct the map to use the file's marker names")
        }
        return MarkerMapping(
            markerSetName: "custom map (\(mapName))", sources: sources,
            missing: Landmark.allCases.filter { sources[$0] == nil })
    }

    // MARK: - Applying

    /// Builds the landmark trajectories from a file's markers.
    public func apply(to markers: MarkerTrajectories) -> LandmarkTrajectories {
        let n = markers.frameCount
        let missingSample = SIMD3<Double>(repeating: .nan)
        // A marker exactly at the lab origin is how many C3D writers store a gap: treat it as missing.
        func series(_ name: String) -> [SIMD3<Double>] {
            guard let values = markers.positions[name] else { return Array(repeating: missingSample, count: n) }
            // A series of the wrong length (a reader's bug) must not crash: pad or cut to the frames.
            return (0..<n).map { i in i < values.count && values[i] != SIMD3(0, 0, 0) ? values[i] : missingSample }
        }
        var positions: [Landmark: [SIMD3<Double>]] = [:]
        for (landmark, source) in sources {
            switch source {
            case .average(let names):
                let all = names.map(series)
                positions[landmark] = (0..<n).map { i in
                    var sum = SIMD3<Double>(repeating: 0)
                    for s in all { sum += s[i] }  // NaN in any marker propagates: missing
                    return sum / Double(all.count)
                }
            case .hipJointCentre(let side, let pelvis):
                let la = series(pelvis.leftASIS), ra = series(pelvis.rightASIS)
                let posterior = pelvis.posterior.map(series)
                positions[landmark] = (0..<n).map { i in
                    var mid = SIMD3<Double>(repeating: 0)
                    for s in posterior { mid += s[i] }
                    mid /= Double(posterior.count)
                    guard let hips = HipJointCentre.estimate(leftASIS: la[i], rightASIS: ra[i], midPosterior: mid) else {
                        return missingSample
                    }
                    return side == .left ? hips.left : hips.right
                }
            }
        }
        return LandmarkTrajectories(
            times: markers.times, frameNumbers: markers.frameNumbers, frameRate: markers.frameRate, positions: positions)
    }
}

/// Finds a file's marker by name: exactly, then ignoring case, then ignoring a `Subject:` prefix
/// (Vicon C3D files often name markers `Subject:LASI`).
struct MarkerNameLookup: Sendable {
    private var exact: Set<String>
    private var folded: [String: String] = [:]

    init(_ names: [String]) {
        exact = Set(names)
        for name in names {
            let lower = name.lowercased()
            if folded[lower] == nil { folded[lower] = name }
            if let colon = name.lastIndex(of: ":") {
                let bare = name[name.index(after: colon)...].lowercased()
                if folded[bare] == nil { folded[bare] = name }
            }
        }
    }

    func find(_ name: String) -> String? {
        if exact.contains(name) { return name }
        return folded[name.lowercased()]
    }

    /// The source with the file's own names, or `nil` when any marker is absent.
    func resolve(_ source: MarkerSource) -> MarkerSource? {
        switch source {
        case .average(let names):
            let found = names.compactMap(find)
            return found.count == names.count ? .average(found) : nil
        case .hipJointCentre(let side, let pelvis):
            guard let la = find(pelvis.leftASIS), let ra = find(pelvis.rightASIS) else { return nil }
            let posterior = pelvis.posterior.compactMap(find)
            guard posterior.count == pelvis.posterior.count else { return nil }
            return .hipJointCentre(side, pelvis: PelvisMarkers(leftASIS: la, rightASIS: ra, posterior: posterior))
        }
    }

    func absentNames(in source: MarkerSource) -> [String] {
        switch source {
        case .average(let names): return names.filter { find($0) == nil }
        case .hipJointCentre(_, let pelvis): return pelvis.names.filter { find($0) == nil }
        }
    }
}
