import Foundation

// MARK: - C3D wiring point
//
// LEAD: when the C3D reader (Sources/PoseRunFormats/C3D/) is merged, replace the body below with
//
//     let file = try C3DReader.read(contentsOf: url)
//     return (try file.markerTrajectories(), [])
//
// Everything else (detection by the 0x50 header byte, marker mapping, projection, --fps checks)
// is already wired in InputLoader.

extension InputLoader {
    /// Reads a C3D file's markers. Stub until the C3D reader is merged: throws `.c3dUnavailable`.
    static func readC3DMarkers(at url: URL) throws -> (trajectories: MarkerTrajectories, notes: [String]) {
        throw FormatError(
            .c3dUnavailable, file: url.path,
            problem: "this is a C3D file, but C3D reading is not available in this build",
            remedy: "export the trial as TRC (OpenSim, Mokka or ezc3d can) and analyse that")
    }
}
