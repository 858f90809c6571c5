import Foundation
import Testing
@testable import PoseRunFormats

/// Messages found unclear while fuzzing: each now says what a person can act on.
struct PlainErrorMessagesTests {
    /// A megabyte of junk in one cell was echoed whole; now its start and its length.
    @Test func aHugeCellIsQuotedByItsStartAndLength() throws {
        let junk = String(repeating: "x", count: 100_000)
        let lines = TRCReaderTests.messy.components(separatedBy: "\r\n")
        var edited = lines
        edited[6] = "11\t0.05\t\(junk)\t2000\t3000\t10\t20\t30"
        do {
            _ = try TRCReader.parse(edited.joined(separator: "\n"), fileName: "junk.trc")
            Issue.record("a TRC with a junk cell was read")
        } catch let error as FormatError {
            let text = "\(error)"
            #expect(text.count < 300, "\(text.prefix(400))")
            #expect(text.contains("(100000 characters)") && text.contains("line 7"))
        }
        #expect(FormatError.quoted("abc") == "'abc'")
        #expect(FormatError.quoted(String(repeating: "y", count: 41)) == "'\(String(repeating: "y", count: 40))…' (41 characters)")
    }

    /// A file where a parent folder should be gave "(NSCocoaErrorDomain error 512.)"; now it is named.
    @Test func aFileInTheWayOfTheOutputFolderIsNamed() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("poserun-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("afile")
        try Data("x".utf8).write(to: file)
        do {
            try AtomicFile.createFolder(file.appendingPathComponent("sub/deeper"))
            Issue.record("an output folder was made inside a file")
        } catch let error as FormatError {
            #expect(error.kind == .notWritable)
            #expect(error.problem.contains("\(file.path) is a file, not a folder"), "\(error)")
            // Foundation's error code (512) stays out of the message; the random folder name may contain it.
            #expect(!"\(error)".replacingOccurrences(of: folder.path, with: "").contains("512"))
        }
        // An ordinary new folder is still made.
        try AtomicFile.createFolder(folder.appendingPathComponent("new/out"))
        var isFolder: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("new/out").path, isDirectory: &isFolder) && isFolder.boolValue)
    }
}
