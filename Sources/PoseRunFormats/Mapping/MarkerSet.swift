public import PoseRunCore

/// How one landmark is obtained from a file's markers.
public enum MarkerSource: Sendable, Hashable, CustomStringConvertible {
    /// The mean of these markers (one name: that marker). Missing in a frame where any is missing.
    case average([String])
    /// The hip joint centre of one side, estimated from ASIS and PSIS (or sacrum) markers.
    case hipJointCentre(Side, pelvis: PelvisMarkers)

    public var description: String {
        switch self {
        case .average(let names): return names.count == 1 ? names[0] : "mean of " + names.joined(separator: ", ")
        case .hipJointCentre(_, let pelvis): return "hip joint centre from \(pelvis) (\(HipJointCentre.method))"
        }
    }
}

/// The pelvis markers a hip-joint-centre regression needs.
public struct PelvisMarkers: Sendable, Hashable, CustomStringConvertible {
    public var leftASIS: String
    public var rightASIS: String
    /// Two PSIS markers, or one sacral marker standing for their midpoint.
    public var posterior: [String]

    public init(leftASIS: String, rightASIS: String, posterior: [String]) {
        self.leftASIS = leftASIS
        self.rightASIS = rightASIS
        self.posterior = posterior
    }

    public var description: String { ([leftASIS, rightASIS] + posterior).joined(separator: ", ") }
    var names: [String] { [leftASIS, rightASIS] + posterior }
}

/// A named marker set PoseRun recognises, with how each canonical landmark is built from it.
///
/// Each landmark lists alternatives in order of preference; the first whose markers the file has
/// is used. A landmark with no usable alternative is reported missing, never invented.
public struct MarkerSet: Sendable, Hashable {
    public var name: String
    public var rules: [Landmark: [MarkerSource]]

    public init(name: String, rules: [Landmark: [MarkerSource]]) {
        self.name = name
        self.rules = rules
    }

    /// Both sides of a rule written once for the left side with a `L` prefix convention.
    static func sided(_ left: Landmark, _ build: (Side) -> [MarkerSource]) -> [Landmark: [MarkerSource]] {
        [left: build(.left), left.mirrored: build(.right)]
    }

    static func merge(_ parts: [[Landmark: [MarkerSource]]]) -> [Landmark: [MarkerSource]] {
        parts.reduce(into: [:]) { $0.merge($1) { a, _ in a } }
    }

    /// Single-letter side prefix used by most marker sets (`L`/`R`).
    static func p(_ side: Side) -> String { side == .left ? "L" : "R" }

    static func hips(asis: String, posterior: [[String]]) -> [Landmark: [MarkerSource]] {
        var rules: [Landmark: [MarkerSource]] = [:]
        for side in Side.allCases {
            rules[.hip(side)] = posterior.map {
                .hipJointCentre(side, pelvis: PelvisMarkers(leftASIS: "L" + asis, rightASIS: "R" + asis, posterior: $0))
            }
        }
        return rules
    }

    /// Vicon Plug-in Gait (full body): LFHD/RFHD/LBHD/RBHD head, LSHO, LELB, LWRA/LWRB, LASI/RASI with
    /// LPSI/RPSI or SACR, LKNE, LANK, LHEE, LTOE.
    public static let plugInGait = MarkerSet(name: "Plug-in Gait", rules: merge([
        [.head: [.average(["LFHD", "RFHD", "LBHD", "RBHD"]), .average(["LFHD", "RFHD"])]],
        hips(asis: "ASI", posterior: [["LPSI", "RPSI"], ["SACR"]]),
        sided(.leftShoulder) { [.average([p($0) + "SHO"])] },
        sided(.leftElbow) { [.average([p($0) + "ELB"])] },
        sided(.leftWrist) { [.average([p($0) + "WRA", p($0) + "WRB"]), .average([p($0) + "WRA"])] },
        sided(.leftKnee) { [.average([p($0) + "KNE"])] },
        sided(.leftAnkle) { [.average([p($0) + "ANK"])] },
        sided(.leftHeel) { [.average([p($0) + "HEE"])] },
        sided(.leftToe) { [.average([p($0) + "TOE"])] },
    ]))

    /// The OpenSim running set of Hamner & Delp 2013 (`FullBodyModel_Hamner2010` markers):
    /// LACR acromion, LLEL/LMEL *elbow* epicondyles (they sit at elbow height in the trials),
    /// LFAradius/LFAulna styloids at the wrist, LASI/RASI/LPSI/RPSI, LCAL heel, LTOE.
    /// Thigh and shank carry clusters only: no knee or ankle landmark is derived (a cluster gives
    /// no joint centre without the static trial), and there are no head markers.
    public static let hamner = MarkerSet(name: "OpenSim Hamner running", rules: merge([
        hips(asis: "ASI", posterior: [["LPSI", "RPSI"]]),
        sided(.leftShoulder) { [.average([p($0) + "ACR"])] },
        sided(.leftElbow) { [.average([p($0) + "LEL", p($0) + "MEL"])] },
        sided(.leftWrist) { [.average([p($0) + "FAradius", p($0) + "FAulna"])] },
        sided(.leftHeel) { [.average([p($0) + "CAL"])] },
        sided(.leftToe) { [.average([p($0) + "TOE"])] },
    ]))

    /// The sprint set of Dorn, Schache & Pandy 2012: LSH shoulder, LELB elbow, LWR wrist,
    /// LASI/RASI with SACR, LLEPI lateral femoral epicondyle (knee), LLMAL lateral malleolus
    /// (ankle), LHEEL heel, LTOE toe. No head markers.
    public static let dorn = MarkerSet(name: "OpenSim Dorn sprint", rules: merge([
        hips(asis: "ASI", posterior: [["SACR"], ["LPSI", "RPSI"]]),
        sided(.leftShoulder) { [.average([p($0) + "SH"])] },
        sided(.leftElbow) { [.average([p($0) + "ELB"])] },
        sided(.leftWrist) { [.average([p($0) + "WR"])] },
        sided(.leftKnee) { [.average([p($0) + "LEPI"])] },
        sided(.leftAnkle) { [.average([p($0) + "LMAL"])] },
        sided(.leftHeel) { [.average([p($0) + "HEEL"])] },
        sided(.leftToe) { [.average([p($0) + "TOE"])] },
    ]))

    /// OpenPose BODY_25 and HALPE_26 names as Pose2Sim and Sports2D write them (RHip, RKnee,
    /// RAnkle, RBigToe, RHeel, Nose, Head…). Their hips are already joint-centre estimates.
    /// The head is `Head` where the model has one, else `Nose`.
    public static let body25 = MarkerSet(name: "OpenPose BODY_25 / HALPE_26 names", rules: merge([
        [.head: [.average(["Head"]), .average(["Nose"])]],
        sided(.leftShoulder) { [.average([p($0) + "Shoulder"])] },
        sided(.leftElbow) { [.average([p($0) + "Elbow"])] },
        sided(.leftWrist) { [.average([p($0) + "Wrist"])] },
        sided(.leftHip) { [.average([p($0) + "Hip"])] },
        sided(.leftKnee) { [.average([p($0) + "Knee"])] },
        sided(.leftAnkle) { [.average([p($0) + "Ankle"])] },
        sided(.leftHeel) { [.average([p($0) + "Heel"])] },
        sided(.leftToe) { [.average([p($0) + "BigToe"])] },
    ]))

    /// The built-in sets, in the order ties are broken.
    public static let builtIn: [MarkerSet] = [plugInGait, dorn, hamner, body25]
}
