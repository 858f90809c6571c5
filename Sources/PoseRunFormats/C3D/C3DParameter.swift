/// One C3D parameter: a typed, possibly multi-dimensional array stored in a group.
public struct C3DParameter: Sendable, Hashable {
    /// The stored data, in the parameter's own type.
    public enum Value: Sendable, Hashable {
        /// Type −1: characters; the first dimension is the length of each string.
        case characters([UInt8])
        /// Type 1: bytes, read as signed (−128…127) as the C3D user guide defines them.
        case bytes([Int8])
        /// Type 2: 16-bit integers.
        case integers([Int16])
        /// Type 4: 32-bit floats (converted from the file's processor format).
        case floats([Double])
    }

    /// Upper-case by C3D convention; matched case-insensitively.
    public var name: String
    public var description: String
    /// Stored as a negative name length: the parameter should not be edited by software.
    public var isLocked: Bool
    /// Array dimensions, first varying fastest; empty for a scalar.
    public var dimensions: [Int]
    public var value: Value

    public init(name: String, description: String = "", isLocked: Bool = false, dimensions: [Int], value: Value) {
        self.name = name
        self.description = description
        self.isLocked = isLocked
        self.dimensions = dimensions
        self.value = value
    }

    /// Numeric values as doubles (empty for characters).
    public var doubles: [Double] {
        switch value {
        case .characters: []
        case .bytes(let values): values.map { Double($0) }
        case .integers(let values): values.map { Double($0) }
        case .floats(let values): values
        }
    }

    /// Integer values (floats rounded toward zero, non-finite ones dropped; empty for characters).
    public var integers: [Int] {
        switch value {
        case .characters: []
        case .bytes(let values): values.map { Int($0) }
        case .integers(let values): values.map { Int($0) }
        case .floats(let values): values.compactMap { $0.isFinite && abs($0) < 1e15 ? Int($0) : nil }
        }
    }

    /// 16-bit integers read as unsigned, for counts the C3D writes beyond 32767 (frames, data start).
    public var unsignedIntegers: [Int] {
        switch value {
        case .integers(let values): values.map { Int(UInt16(bitPattern: $0)) }
        default: integers
        }
    }

    /// Character data split into strings by the first dimension, trimmed of trailing spaces.
    public var strings: [String] {
        guard case .characters(let characters) = value else { return [] }
        guard let length = dimensions.first, dimensions.count > 1 else {
            return [C3DBytes.text(characters[...])]
        }
        guard length > 0 else { return [] }
        return stride(from: 0, to: characters.count, by: length).map {
            C3DBytes.text(characters[$0..<min($0 + length, characters.count)])
        }
    }

    /// The first string, or the whole text of a one-dimensional character parameter.
    public var string: String? { strings.first }
    /// The first numeric value.
    public var double: Double? { doubles.first }
    /// The first integer value.
    public var integer: Int? { integers.first }
}

/// A named group of parameters (POINT, ANALOG, FORCE_PLATFORM, EVENT…).
public struct C3DParameterGroup: Sendable, Hashable {
    /// The group's id as stored (positive here; the file stores it negated on the group record).
    public var id: Int
    public var name: String
    public var description: String
    public var isLocked: Bool
    /// Parameters in file order.
    public var parameters: [C3DParameter]

    public init(id: Int, name: String, description: String = "", isLocked: Bool = false, parameters: [C3DParameter] = []) {
        self.id = id
        self.name = name
        self.description = description
        self.isLocked = isLocked
        self.parameters = parameters
    }

    /// The parameter with this name, matched case-insensitively.
    public subscript(_ name: String) -> C3DParameter? {
        let wanted = name.uppercased()
        return parameters.first { $0.name.uppercased() == wanted }
    }
}
