import Foundation
import PoseRunImage
import PoseRunVision

/// `poserun-bench warp [--runs N] [--side PX] [--rotation RAD]`: the landmark crop's warp alone (`LandmarkCrop.fill`, the 256 × 256 input
/// from a 432 × 768 frame, a 500 px region turned 4°, partly outside the frame as a runner's often is), on one
/// thread and in two halves; median wall and process-CPU milliseconds a crop. "warm" fills from one frame
/// again and again (it stays in cache), "cold" from 16 frames in turn (16 MB), nearer the pipeline, where
/// each frame arrives fresh from the decoder. The hash of the outputs tells whether two builds crop alike.
enum WarpBenchmark {
    static func run(_ arguments: [String]) {
        let runs = VisionBenchmark.value("--runs", in: arguments).flatMap(Int.init) ?? 300
        let (width, height) = (432, 768)
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        let frames: [RGBImage] = (0..<16).map { _ in
            var pixels = [UInt8](repeating: 0, count: width * height * 3)
            for i in pixels.indices {
                seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                pixels[i] = UInt8(truncatingIfNeeded: seed >> 56)
            }
            return RGBImage(width: width, height: height, pixels: pixels)
        }
        let side = VisionBenchmark.value("--side", in: arguments).flatMap(Float.init) ?? 500
        let rotation = VisionBenchmark.value("--rotation", in: arguments).flatMap(Float.init) ?? 0.07
        let region = PoseRegion(centreX: 216, centreY: 400, side: side, rotation: rotation)
        let size = BlazePoseConstants.landmarkInputSize
        var output = [Float](repeating: 0, count: size * size * 3)
        print("warp: \(size)×\(size) crop of a \(width)×\(height) frame (region side \(side) px, \(rotation) rad), \(runs) runs each")
        for (name, cycle) in [("warm", 1), ("cold", frames.count)] {
            var timings: [Bool: (wall: [Double], cpu: [Double])] = [false: ([], []), true: ([], [])]
            for run in 0..<(runs + 10) {
                for split in [false, true] {
                    let image = frames[(2 * run + (split ? 1 : 0)) % cycle]
                    let cpuStart = processCPUSeconds()
                    let start = ContinuousClock.now
                    output.withUnsafeMutableBufferPointer { LandmarkCrop.fill($0, from: image, region: region, split: split) }
                    let wall = (ContinuousClock.now - start).seconds
                    let cpu = processCPUSeconds() - cpuStart
                    guard run >= 10 else { continue }
                    timings[split]?.wall.append(wall * 1000)
                    timings[split]?.cpu.append(cpu * 1000)
                }
            }
            for split in [false, true] {
                guard let t = timings[split] else { continue }
                print(String(
                    format: "  %@, %@: wall median %.3f ms (min %.3f), process CPU median %.3f ms",
                    name, split ? "two halves" : "one thread ", median(t.wall), t.wall.min() ?? .nan, median(t.cpu)))
            }
        }
        // FNV-1a over the floats' bits for a few crops: the same in two builds means the same bytes.
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for (k, frame) in frames.prefix(4).enumerated() {
            let r = PoseRegion(centreX: 100 + 60 * Float(k), centreY: 300 + 50 * Float(k), side: 250 + 150 * Float(k), rotation: -0.8 + 0.5 * Float(k))
            output.withUnsafeMutableBufferPointer { LandmarkCrop.fill($0, from: frame, region: r) }
            for v in output { hash = (hash ^ UInt64(v.bitPattern)) &* 0x100_0000_01B3 }
        }
        print(String(format: "  output hash %016llx", hash))
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? .nan : sorted[sorted.count / 2]
    }

    static func processCPUSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
}

extension Duration {
    fileprivate var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
