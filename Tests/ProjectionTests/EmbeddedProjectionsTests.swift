import EventStore
import Foundation
@testable import Projections
import Testing

/// The binary carries projections/ exactly (regenerate with scripts/embed-sql.sh).
@Suite struct EmbeddedProjectionsTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func embeddedSQLMatchesTheFilesInProjections() throws {
        let folder = Self.packageRoot.appendingPathComponent("projections")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".sql") }.sorted()
        #expect(files == ProjectionSchema.objects.map(\.name), "run scripts/embed-sql.sh")
        for object in ProjectionSchema.objects {
            let text = try String(contentsOf: folder.appendingPathComponent(object.name), encoding: .utf8)
            #expect(text == object.sql, "\(object.name) differs from its embedded copy: run scripts/embed-sql.sh")
        }
    }
}
