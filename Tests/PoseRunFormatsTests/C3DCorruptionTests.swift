import Foundation
import Testing
@testable import PoseRunFormats

/// A damaged file must give an error or a result, never a crash: every read is bounds-checked.
@Suite struct C3DCorruptionTests {
    static let variants: [(C3DProcessorType, Double)] = [(.intel, -1), (.dec, 0.25), (.mips, -1), (.mips, 0.25)]

    func sample(_ processor: C3DProcessorType, _ scale: Double) -> [UInt8] {
        var writer = sampleWriter(processor: processor, scale: scale)
        writer.headerEvents = [("RIC", 0.3)]
        return writer.bytes()
    }

    /// Reads the bytes and, when that works, uses the result as a caller would.
    func exercise(_ bytes: [UInt8]) -> Bool {
        do {
            let file = try C3DReader.read(bytes: bytes, fileName: "damaged.c3d")
            _ = try? file.markerTrajectories()
            _ = try? ReferenceEvents.fromEventSection(of: file)
            _ = try? ReferenceEvents.fromForcePlates(of: file)
            return true
        } catch {
            return !"\(error)".isEmpty
        }
    }

    @Test(arguments: variants)
    func truncationAtEveryOffsetIsAnErrorNotACrash(processor: C3DProcessorType, scale: Double) {
        let bytes = sample(processor, scale)
        var errors = 0
        for length in 0..<bytes.count {
            do {
                _ = try C3DReader.read(bytes: Array(bytes.prefix(length)), fileName: "cut.c3d")
            } catch {
                errors += 1
                #expect("\(error)".hasPrefix("cut.c3d: "))
            }
        }
        // Cuts inside the data always fail; cuts in the zero padding after the parameters may not.
        #expect(errors > 0)
    }

    @Test(arguments: variants)
    func flippedBytesNeverCrash(processor: C3DProcessorType, scale: Double) {
        let bytes = sample(processor, scale)
        for offset in bytes.indices {
            for value: UInt8 in [0x00, 0xFF, 0x80, 0x7F, 0x01, bytes[offset] ^ 0x55] {
                var damaged = bytes
                damaged[offset] = value
                #expect(exercise(damaged))
            }
        }
    }

    @Test func randomDamageNeverCrashes() {
        var generator = SplitMix64(seed: 2012)
        let bytes = sample(.intel, -1)
        for _ in 0..<3000 {
            var damaged = bytes
            for _ in 0..<Int.random(in: 1...8, using: &generator) {
                damaged[Int.random(in: 0..<damaged.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
            }
            let length = Int.random(in: 0...damaged.count, using: &generator)
            #expect(exercise(Array(damaged.prefix(length))))
        }
    }

    @Test(.enabled(if: C3DTestData.isAvailable, "needs ../shared/data/mocap/dorn-sprint-ja1"))
    func damagedRealFileNeverCrashes() throws {
        let bytes = [UInt8](try Data(contentsOf: C3DTestData.dornC3D))
        var generator = SplitMix64(seed: 35)
        // Random bytes of the parameter section (the risky part; 31 blocks from block 2), plus
        // cuts throughout the file. Each read of the real file costs ~30 ms in a debug build.
        let parameterRange = 512..<(32 * 512)
        for _ in 0..<200 {
            var damaged = bytes
            damaged[Int.random(in: parameterRange, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
            #expect(exercise(damaged))
        }
        for _ in 0..<20 {
            let length = Int.random(in: 0...bytes.count, using: &generator)
            #expect(exercise(Array(bytes.prefix(length))))
        }
    }
}

/// A small seeded generator so damage is the same on every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E9B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
