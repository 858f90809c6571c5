import Foundation
import PoseRunServer
import Testing

/// The folder storage: uploads and results where `DataFolders` says, names that cannot leave the folder.
@Suite struct StorageTests {
    @Test func theFolderStorageKeepsUploadsAndResultsWhereTheDataFoldersSay() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("poserun-storage-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let folders = DataFolders(root: root)
        try folders.create()
        let storage = FolderStorage(folders)
        #expect(storage.receivingFolder == folders.uploads)

        let received = storage.receivingFolder.appendingPathComponent(UploadReceiver.partialPrefix + "1")
        try Data("clip".utf8).write(to: received)
        try await storage.keepUpload(received, as: "a.mp4")
        #expect(!FileManager.default.fileExists(atPath: received.path))
        #expect(try Data(contentsOf: folders.upload("a.mp4")) == Data("clip".utf8))
        #expect(try await storage.withUpload("a.mp4") { try Data(contentsOf: $0) } == Data("clip".utf8))
        await #expect(throws: FolderStorage.Missing.self) { try await storage.withUpload("b.mp4") { _ in } }

        let written = try await storage.withResultsFolder(sessionID: 7) { folder in
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data("{}".utf8).write(to: folder.appendingPathComponent("analysis.json"))
            return folder
        }
        #expect(written == folders.results(sessionID: 7))
        #expect(try await storage.result("analysis.json", sessionID: 7) == Data("{}".utf8))
        #expect(try await storage.result("steps.csv", sessionID: 7) == nil)
        #expect(try await storage.results(named: ["steps.csv", "analysis.json", "../../uploads/a.mp4"], sessionID: 7) == ["analysis.json"])

        // A name with a path in it is refused, never followed out of the folder.
        await #expect(throws: FolderStorage.Missing.self) { try await storage.result("../7/analysis.json", sessionID: 8) }
        await #expect(throws: FolderStorage.Missing.self) { try await storage.removeUpload("../results") }
        #expect(FileManager.default.fileExists(atPath: folders.results.path))

        let session = TrainingSession(
            id: 7, athleteID: 1, details: TrainingSessionDraft(date: "2026-11-30"), storedFileName: "a.mp4", status: .analysed,
            createdAt: Date())
        try await storage.removeFiles(of: [session])
        #expect(!FileManager.default.fileExists(atPath: folders.upload("a.mp4").path))
        #expect(!FileManager.default.fileExists(atPath: folders.results(sessionID: 7).path))
        try await storage.removeFiles(of: [session])   // already gone: nothing to do, no error
    }
}
