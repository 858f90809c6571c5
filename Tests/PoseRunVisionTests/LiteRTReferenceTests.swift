import Foundation
import PoseRunTestSupport
import Testing
@testable import PoseRunVision

/// The Swift LiteRT wrapper against the Python interpreter of the same wheel
/// (Fixtures/litert_reference_outputs.json, written by tools/reference_outputs.py).
@Suite(.enabled(if: Tools.modelsAvailable, Tools.modelsMissing))
struct LiteRTReferenceTests {
    struct Sample: Decodable {
        var indices: [Int]
        var values: [Double]
    }

    struct Reference: Decodable {
        var landmark_model: [String: Sample]
        var detector_model: [String: Sample]
    }

    static func reference() throws -> Reference {
        let data = try Data(contentsOf: VisionTestSupport.fixtures.appendingPathComponent("litert_reference_outputs.json"))
        return try JSONDecoder().decode(Reference.self, from: data)
    }

    /// Runs one model on the stripe input and compares every sampled output value.
    func compare(modelPath: String, signed: Bool, expected: [String: Sample], threads: Int) throws {
        let runtime = try LiteRTRuntime.shared(in: VisionTestSupport.cache)
        let model = try LiteRTModel(runtime: runtime, modelPath: modelPath, threadCount: threads)
        let shape = model.inputs[0].shape
        try model.setInput(0, VisionTestSupport.stripeInput(height: shape[1], width: shape[2], channels: shape[3], signed: signed))
        try model.run()
        for (shapeKey, sample) in expected {
            let outputShape = shapeKey.split(separator: "x").compactMap { Int($0) }
            let index = try #require(model.outputIndex(shape: outputShape), "no output of shape \(shapeKey)")
            let values = try model.output(index)
            #expect(!sample.indices.isEmpty && values.count == outputShape.reduce(1, *))
            for (i, expectedValue) in zip(sample.indices, sample.values) {
                let tolerance = 1e-4 * max(1, abs(expectedValue))
                #expect(abs(Double(values[i]) - expectedValue) <= tolerance, "\(shapeKey)[\(i)]: \(values[i]) vs \(expectedValue)")
            }
        }
    }

    @Test(arguments: [1, 2])
    func landmarkModelMatchesPythonInterpreter(threads: Int) throws {
        try compare(
            modelPath: VisionTestSupport.cache.landmarkModel.path, signed: false,
            expected: try Self.reference().landmark_model, threads: threads)
    }

    @Test(arguments: [1, 2])
    func detectorModelMatchesPythonInterpreter(threads: Int) throws {
        try compare(
            modelPath: VisionTestSupport.cache.detectorModel.path, signed: true,
            expected: try Self.reference().detector_model, threads: threads)
    }

    @Test func modelsHaveTheDocumentedTensors() throws {
        let runtime = try LiteRTRuntime.shared(in: VisionTestSupport.cache)
        let landmark = try LiteRTModel(runtime: runtime, modelPath: VisionTestSupport.cache.landmarkModel.path)
        #expect(landmark.inputs.map(\.shape) == [[1, 256, 256, 3]])
        #expect(Set(landmark.outputs.map(\.shape)) == [[1, 195], [1, 1], [1, 256, 256, 1], [1, 64, 64, 39], [1, 117]])
        let detector = try LiteRTModel(runtime: runtime, modelPath: VisionTestSupport.cache.detectorModel.path)
        #expect(detector.inputs.map(\.shape) == [[1, 224, 224, 3]])
        #expect(Set(detector.outputs.map(\.shape)) == [[1, 2254, 12], [1, 2254, 1]])
    }

    /// Resident memory of this process in kB (VmRSS).
    static func residentKilobytes() -> Int {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }

    @Test func creatingAndReleasingModelsDoesNotLeak() throws {
        let runtime = try LiteRTRuntime.shared(in: VisionTestSupport.cache)
        func cycle() throws {
            let model = try LiteRTModel(runtime: runtime, modelPath: VisionTestSupport.cache.landmarkModel.path)
            try model.run()
        }
        for _ in 0..<5 { try cycle() }
        let before = Self.residentKilobytes()
        for _ in 0..<60 { try cycle() }
        let grown = Self.residentKilobytes() - before
        // A leaked model would keep its 6 MB of weights and 1.7 MB of buffers: 60 would add > 400 MB.
        // Other tests run in parallel in this process and share its resident memory (one run saw them add
        // 65 MB), so the bound is half a leak's growth rather than tight.
        #expect(grown < 200_000, "resident memory grew by \(grown) kB over 60 models")
    }

    @Test func closedModelThrowsInsteadOfCrashing() throws {
        let runtime = try LiteRTRuntime.shared(in: VisionTestSupport.cache)
        let model = try LiteRTModel(runtime: runtime, modelPath: VisionTestSupport.cache.detectorModel.path)
        model.close()
        #expect(throws: LiteRTError.self) { try model.run() }
    }
}

/// Errors that need no models.
@Suite struct LiteRTErrorTests {
    @Test func missingRuntimeNamesThePathAndTheSetupCommand() {
        let folder = ModelCache(directory: URL(fileURLWithPath: "/nonexistent/poserun models"))
        do {
            _ = try LiteRTRuntime(libraryPath: folder.runtimeLibrary.path)
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("/nonexistent/poserun models/libLiteRt.so"))
            #expect(error.description.contains("scripts/setup-models.sh"))
        }
    }

    @Test func notALibraryIsReportedAsUnloadable() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("poserun-not-a-library-\(UUID()).so")
        try Data("not an ELF file".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(throws: LiteRTError.self) { _ = try LiteRTRuntime(libraryPath: file.path) }
    }

    @Test func statusCodesReadAsWords() {
        #expect(LiteRTStatus(code: 501).description == "invalid flatbuffer (not a .tflite model, or a damaged one) (status 501)")
        #expect(LiteRTStatus(code: 3).meaning == "runtime failure")
        #expect(LiteRTStatus(code: 12345).meaning == "unknown status")
    }

    @Test func cacheFolderFollowsTheEnvironmentVariable() {
        let cache = ModelCache.standard(environment: ["POSERUN_MODELS": "/tmp/models dir", "HOME": "/home/x"])
        #expect(cache.landmarkModel.path == "/tmp/models dir/pose_landmark_full.tflite")
        let fallback = ModelCache.standard(environment: ["HOME": "/home/x"])
        #expect(fallback.directory.path == "/home/x/.cache/poserun/models")
    }

    /// PoseRunTestSupport's `Tools` decides whether model tests skip with its own copy of the cache rule
    /// (the support target depends on no product module): it must look where `poserun` looks, for the same files.
    @Test func testSupportLooksForTheModelsWhereTheCacheIs() {
        for environment in [["POSERUN_MODELS": "/tmp/models dir", "HOME": "/home/x"], ["HOME": "/home/x"], ["POSERUN_MODELS": "", "HOME": "/h"]] {
            #expect(Tools.modelsFolder(environment: environment).path == ModelCache.standard(environment: environment).directory.path)
        }
        #expect(Tools.modelFileNames == [ModelCache.runtimeLibraryName, ModelCache.landmarkModelName, ModelCache.detectorModelName])
        #expect(Tools.modelsAvailable == ModelCache.standard().isComplete)
    }
}
