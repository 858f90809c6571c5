import Foundation

// MARK: - C3D wiring point
//
// LEAD: when the C3D reader (Sources/PoseRunFormats/C3D/, branch `c3d`) is merged, replace the
// body of `readC3DMarkers(at:)` below with:
//
//     do {
//         let file = try C3DReader.read(contentsOf: url)
//         return (try file.markerTrajectories(), [])
//     } catch let error as C3DReadError {
//         throw FormatError(.malformed, file: url.path, location: error.byteOffset.map { "\(error.section), byte \($0)" }
//                           ?? error.section.description, problem: error.problem)
//     } catch let error as C3DConversionError {
//         throw FormatError(.unsupported, file: url.path, problem: error.problem)
//     }
//
// Everything else (detection by the 0x50 header byte, marker mapping, projection, --fps checks)
// is already wired in InputLoader, and InputLoaderTests only asks that a bogus C3D give a FormatError.

extension InputLoader {
    /// Reads a C3D file's markers. Stub until the C3D reader is merged: throws `.c3dUnavailable`.
    static func readC3DMarkers(at url: URL) throws -> (trajectories: MarkerTrajectories, notes: [String]) {
        throw FormatError(
            .c3dUnavailable, file: url.path,
            problem: "this is a C3D file, but C3D reading is not available in this build",
            remedy: "export the trial as TRC (OpenSim, Mokka or ezc3d can) and analyse that")
    }
}
