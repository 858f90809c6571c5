/// The machine a C3D file was written for, which fixes how its integers and floats are stored.
///
/// The C3D standard stores the type in byte 4 of the parameter section as 83 + n.
public enum C3DProcessorType: UInt8, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Little-endian integers, IEEE 754 floats (PCs).
    case intel = 84
    /// Little-endian integers, VAX F-floating floats (DEC VAX and PDP-11).
    case dec = 85
    /// Big-endian integers and IEEE 754 floats (SGI / MIPS).
    case mips = 86

    public var description: String {
        switch self {
        case .intel: "Intel (84)"
        case .dec: "DEC (85)"
        case .mips: "MIPS/SGI (86)"
        }
    }
}
