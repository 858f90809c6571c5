/// Parameter look-ups that also gather continuation parameters (LABELS2, LABELS3…) that C3D uses
/// for arrays longer than 255 entries.
struct ParameterLookup {
    let groups: [C3DParameterGroup]

    func parameter(_ group: String, _ name: String) -> C3DParameter? {
        groups.first { $0.name.uppercased() == group.uppercased() }?[name]
    }

    /// NAME, then NAME2, NAME3… while they exist.
    func continued(_ group: String, _ name: String) -> [C3DParameter] {
        guard let first = parameter(group, name) else { return [] }
        var result = [first]
        var suffix = 2
        while let next = parameter(group, "\(name)\(suffix)") {
            result.append(next)
            suffix += 1
        }
        return result
    }

    func strings(_ group: String, _ name: String) -> [String] { continued(group, name).flatMap(\.strings) }
    func doubles(_ group: String, _ name: String) -> [Double] { continued(group, name).flatMap(\.doubles) }
    func integers(_ group: String, _ name: String) -> [Int] { continued(group, name).flatMap(\.integers) }
    func string(_ group: String, _ name: String) -> String? { parameter(group, name)?.string }
    func double(_ group: String, _ name: String) -> Double? { parameter(group, name)?.double }
    func unsignedArray(_ group: String, _ name: String) -> [Int]? { parameter(group, name)?.unsignedIntegers }
    func unsigned(_ group: String, _ name: String) -> Int? { parameter(group, name)?.unsignedIntegers.first }
}
