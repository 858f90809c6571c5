import Foundation
import Testing
@testable import PoseRunFormats

/// A small trial: 3 frames, 3 points (the middle one invalid in frame 2), 2 analog channels at
/// 4 samples per frame, 2 events. Values are multiples of 0.25 so int16 × 0.25 stores them exactly.
func sampleWriter(processor: C3DProcessorType, scale: Double) -> C3DTestWriter {
    var writer = C3DTestWriter()
    writer.processor = processor
    writer.scale = scale
    writer.pointRate = 200
    writer.firstFrame = 41
    writer.pointLabels = ["LHEEL", "LTOE", "RHEEL"]
    writer.points = [
        [SIMD3(100.25, -200.5, 30), SIMD3(150, -210.75, 20.5), SIMD3(-1000, 2000.25, 0)],
        [SIMD3(101.25, -201.5, 31), nil, SIMD3(-999, 2001.25, 1)],
        [SIMD3(102.25, -202.5, 32), SIMD3(152, -212.75, 22.5), SIMD3(-998, 2002.25, 2)],
    ]
    writer.analogLabels = ["Fz1", "EMG1"]
    writer.analogSamplesPerFrame = 4
    writer.analogRaw = [(0..<12).map { Double($0 * 10) }, (0..<12).map { Double(-$0) }]
    writer.analogScale = [2, 0.5]
    writer.analogOffset = [5, -4]
    writer.analogGeneralScale = 0.5
    writer.events = [("Left", "Foot Strike", 0.205), ("Right", "Foot Off", 61.5)]
    return writer
}

@Suite struct C3DReaderTests {
    static let variants: [(C3DProcessorType, Double)] = [
        (.intel, 0.25), (.intel, -0.25), (.dec, 0.25), (.dec, -0.25), (.mips, 0.25), (.mips, -0.25),
    ]

    @Test(arguments: variants)
    func readsPointsInEveryStorageVariant(processor: C3DProcessorType, scale: Double) throws {
        let file = try C3DReader.read(bytes: sampleWriter(processor: processor, scale: scale).bytes(), fileName: "sample.c3d")
        #expect(file.processorType == processor)
        #expect(file.usesFloatStorage == (scale < 0))
        #expect(file.pointLabels == ["LHEEL", "LTOE", "RHEEL"])
        #expect(file.frameCount == 3)
        #expect(file.pointPositions[0][2] == SIMD3(102.25, -202.5, 32))
        #expect(file.pointPositions[2][0] == SIMD3(-1000, 2000.25, 0))
        #expect(file.pointPositions[1][1].x.isNaN && file.pointPositions[1][1].z.isNaN)
        #expect(file.pointResiduals[1][1] == -1)
        // Residual word low byte 3 × |scale| 0.25.
        #expect(file.pointResiduals[0][0] == 0.75)
    }

    @Test(arguments: variants)
    func scalesAnalogChannels(processor: C3DProcessorType, scale: Double) throws {
        let file = try C3DReader.read(bytes: sampleWriter(processor: processor, scale: scale).bytes(), fileName: "sample.c3d")
        #expect(file.analog.rate == 800)
        #expect(file.analog.samplesPerPointFrame == 4)
        // (raw − offset) × scale × GEN_SCALE: channel 1 raw 10k → (10k − 5) × 2 × 0.5.
        let force = try #require(file.analog.channel(labelled: "Fz1"))
        let expectedForce: [Double] = (0..<12).map { (k: Int) -> Double in Double(k * 10 - 5) }
        #expect(force == expectedForce)
        // channel 2 raw −k → (−k + 4) × 0.5 × 0.5.
        let expectedEMG: [Double] = (0..<12).map { (k: Int) -> Double in Double(4 - k) * 0.25 }
        #expect(file.analog.channel(labelled: "emg1") == expectedEMG)
    }

    @Test(arguments: variants)
    func readsEventsAndTimeBase(processor: C3DProcessorType, scale: Double) throws {
        let file = try C3DReader.read(bytes: sampleWriter(processor: processor, scale: scale).bytes(), fileName: "sample.c3d")
        #expect(file.firstFrameNumber == 41)
        // Frame 41 at 200 Hz: (41 − 1) / 200 = 0.2 s.
        #expect(abs(file.firstSampleTime - 0.2) < 1e-12)
        #expect(file.frameNumbers == [41, 42, 43])
        #expect(file.events.count == 2)
        #expect(file.events[0].context == "Left" && file.events[0].label == "Foot Strike")
        #expect(abs(file.events[0].time - 0.205) < 1e-6)
        // 61.5 s is stored as 1 minute + 1.5 s.
        #expect(abs(file.events[1].time - 61.5) < 1e-5)
        // Analog sample 5 is the second sample of the second frame: 0.2 + 5 / 800.
        #expect(abs(file.analogSampleTime(5) - (0.205 + 1.0 / 800)) < 1e-12)
    }

    @Test(arguments: [C3DProcessorType.intel, .dec, .mips])
    func floatResidualWordOf65535IsInvalid(processor: C3DProcessorType) throws {
        // Vicon Workstation writes the int16 residual word −1 as the float 65535.
        var writer = sampleWriter(processor: processor, scale: -0.1)
        writer.invalidFloatWord = 65535
        let file = try C3DReader.read(bytes: writer.bytes(), fileName: "vicon.c3d")
        #expect(file.pointPositions[1][1].x.isNaN)
        #expect(file.pointResiduals[1][1] == -1)
        #expect(file.pointPositions[0][1].x == 101.25)
    }

    @Test func integerScaleNeedNotBeExact() throws {
        var writer = sampleWriter(processor: .intel, scale: 0.1)
        writer.points = [[SIMD3(123.4, -5.6, 7.8), SIMD3(0, 0, 0), SIMD3(1, 2, 3)]]
        writer.analogRaw = [[1, 2, 3, 4], [5, 6, 7, 8]]
        let file = try C3DReader.read(bytes: writer.bytes(), fileName: "scale.c3d")
        // Stored as 1234 × 0.1 (a float scale): within a float's precision of 123.4.
        #expect(abs(file.pointPositions[0][0].x - 123.4) < 1e-4)
        #expect(abs(file.pointPositions[0][0].y + 5.6) < 1e-5)
    }

    @Test func vaxFloatsDecodeToTheirKnownValues() {
        // VAX F-floating 1.0 is the longword 0x00004080 (bytes 80 40 00 00); −1.0 sets the sign bit;
        // 0.5 lowers the exponent by one; 0.75 adds the first fraction bit.
        var bytes = C3DBytes(bytes: [0x80, 0x40, 0, 0, 0x80, 0xC0, 0, 0, 0x00, 0x40, 0, 0, 0x40, 0x40, 0, 0, 0, 0, 0, 0], fileName: "vax")
        bytes.processor = .dec
        #expect(bytes.uncheckedFloat(at: 0) == 1)
        #expect(bytes.uncheckedFloat(at: 4) == -1)
        #expect(bytes.uncheckedFloat(at: 8) == 0.5)
        #expect(bytes.uncheckedFloat(at: 12) == 0.75)
        #expect(bytes.uncheckedFloat(at: 16) == 0)
        // The test writer agrees with the known encoding.
        #expect(C3DTestWriter.vax(1) == [0x80, 0x40, 0, 0])
    }

    @Test(arguments: [C3DProcessorType.intel, .dec, .mips])
    func readsEveryParameterType(processor: C3DProcessorType) throws {
        var writer = sampleWriter(processor: processor, scale: -1)
        writer.extraGroups = [C3DTestWriter.Group(id: 12, name: "CUSTOM", description: "made in a test", locked: true, parameters: [
            .bytes("FLAGS", [1, -2, 127]),
            .integers("GRID", [1, -2, 3, 4, 5, -32768], dimensions: [3, 2]),
            .floats("CUBE", [0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5], dimensions: [2, 2, 2]),
            .strings("NAMES", ["ONE", "TWO", "THREE"], length: 5, locked: true),
            .integer("LOCKED_INT", 7, locked: true),
        ])]
        let file = try C3DReader.read(bytes: writer.bytes(), fileName: "types.c3d")
        let group = try #require(file.group("custom"))
        #expect(group.id == 12 && group.isLocked && group.description == "made in a test")
        #expect(group["FLAGS"]?.integers == [1, -2, 127])
        #expect(group["GRID"]?.dimensions == [3, 2])
        #expect(group["GRID"]?.integers == [1, -2, 3, 4, 5, -32768])
        #expect(group["CUBE"]?.doubles == [0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5])
        #expect(group["NAMES"]?.strings == ["ONE", "TWO", "THREE"])
        #expect(group["NAMES"]?.isLocked == true)
        #expect(group["LOCKED_INT"]?.isLocked == true && group["LOCKED_INT"]?.integer == 7)
        #expect(file.parameter("POINT", "USED")?.isLocked == true)
        #expect(file.parameter("POINT", "RATE")?.isLocked == false)
    }

    @Test func joinsContinuedLabels() throws {
        var writer = sampleWriter(processor: .intel, scale: -1)
        writer.labelSplit = 2
        let file = try C3DReader.read(bytes: writer.bytes(), fileName: "labels2.c3d")
        #expect(file.parameter("POINT", "LABELS2")?.strings == ["RHEEL"])
        #expect(file.pointLabels == ["LHEEL", "LTOE", "RHEEL"])
    }

    @Test func readsUnsignedAnalogIntegers() throws {
        var writer = sampleWriter(processor: .intel, scale: 1)
        writer.analogUnsigned = true
        writer.analogRaw = [Array(repeating: 40000, count: 12), Array(repeating: 2048, count: 12)]
        writer.analogOffset = [32768, 2048]
        writer.analogScale = [1, 1]
        writer.analogGeneralScale = 1
        let file = try C3DReader.read(bytes: writer.bytes(), fileName: "unsigned.c3d")
        #expect(file.analog.channels[0].allSatisfy { $0 == 40000 - 32768 })
        #expect(file.analog.channels[1].allSatisfy { $0 == 0 })
    }

    @Test func readsHeaderEvents() throws {
        var writer = sampleWriter(processor: .mips, scale: -1)
        writer.headerEvents = [("RIC", 0.3), ("LTO", 0.25)]
        let file = try C3DReader.read(bytes: writer.bytes(), fileName: "header-events.c3d")
        #expect(file.headerEvents.map(\.label) == ["LTO", "RIC"])
        #expect(abs(file.headerEvents[1].time - 0.3) < 1e-6)
    }

    @Test func convertsToMarkerTrajectoriesInMetres() throws {
        let file = try C3DReader.read(bytes: sampleWriter(processor: .intel, scale: 0.25).bytes(), fileName: "sample.c3d")
        let trajectories = try file.markerTrajectories()
        #expect(trajectories.markerNames == ["LHEEL", "LTOE", "RHEEL"])
        #expect(trajectories.frameNumbers == [41, 42, 43])
        #expect(abs(trajectories.times[2] - 0.21) < 1e-12)
        #expect(trajectories.positions["LHEEL"]?[0] == SIMD3(0.10025, -0.2005, 0.03))
        #expect(trajectories.positions["LTOE"]?[1].x.isNaN == true)

        var metres = sampleWriter(processor: .intel, scale: 0.25)
        metres.pointUnits = "m"
        let inMetres = try C3DReader.read(bytes: metres.bytes(), fileName: "m.c3d").markerTrajectories()
        #expect(inMetres.positions["LHEEL"]?[0] == SIMD3(100.25, -200.5, 30))

        var inches = sampleWriter(processor: .intel, scale: 0.25)
        inches.pointUnits = "in"
        #expect(throws: C3DConversionError.self) { try C3DReader.read(bytes: inches.bytes(), fileName: "in.c3d").markerTrajectories() }
    }

    @Test func duplicateLabelsKeepTheirData() throws {
        var writer = sampleWriter(processor: .intel, scale: -1)
        writer.pointLabels = ["M", "M", ""]
        let trajectories = try C3DReader.read(bytes: writer.bytes(), fileName: "dup.c3d").markerTrajectories()
        #expect(trajectories.markerNames == ["M", "M_2", "POINT3"])
    }

    @Test func refusesWhatIsNotAC3DFile() {
        let text = Array(String(repeating: "not a c3d file ", count: 50).utf8)
        #expect { try C3DReader.read(bytes: text, fileName: "notes.txt") } throws: { error in
            "\(error)".contains("notes.txt") && "\(error)".contains("header") && "\(error)".contains("not a C3D file")
        }
    }

    @Test func namesTheFrameWhereATruncatedFileEnds() throws {
        let bytes = sampleWriter(processor: .intel, scale: -1).bytes()
        // Each frame: 3 points × 16 bytes + 8 analog values × 4 bytes = 80 bytes; cut inside the third.
        let cut = Array(bytes.prefix(bytes.count - 40))
        #expect { try C3DReader.read(bytes: cut, fileName: "cut.c3d") } throws: { error in
            guard let error = error as? C3DReadError else { return false }
            return error.section == .frame(43) && error.byteOffset == bytes.count - 80 && "\(error)".hasPrefix("cut.c3d: frame 43, byte offset")
        }
    }

    @Test func refusesAnUnknownProcessorType() {
        var bytes = sampleWriter(processor: .intel, scale: -1).bytes()
        bytes[512 + 3] = 90
        #expect { try C3DReader.read(bytes: bytes, fileName: "p.c3d") } throws: { error in
            (error as? C3DReadError)?.section == .parameterBlock(1) && (error as? C3DReadError)?.byteOffset == 515
        }
    }
}
