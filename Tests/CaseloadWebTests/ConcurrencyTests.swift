import SupervisionRules
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import CaseloadWeb
@testable import Supervision

@Suite("Web: reads and writes at the same time")
struct ConcurrencyTests {
    @Test("listings and record reads all answer while life-log submissions are written, each submission saved once")
    func readsNeverFailWhileWritesRun() async throws {
        let f = try WebFixture()
        try await f.application().test(.live) { client in
            let okafor = try await client.account(f, "okafor", invitedBy: "admin")
            let a1 = try await client.account(f, "A-1", caseRef: "A-1", invitedBy: "okafor")
            let statuses = try await withThrowingTaskGroup(of: (String, Int).self) { group in
                for index in 0..<20 {
                    group.addTask {
                        let response = try await client.send(.post, "/api/v1/lifelog", as: a1,
                                                             body: ["caseRef": "A-1", "wellbeing": index % 5 + 1])
                        return ("write", Int(response.status.code))
                    }
                    group.addTask {
                        let response = try await client.send(.get, index % 2 == 0 ? "/api/v1/overdue" : "/api/v1/cases/A-1", as: okafor)
                        return ("read", Int(response.status.code))
                    }
                }
                var all: [(String, Int)] = []
                for try await result in group { all.append(result) }
                return all
            }
            #expect(statuses.count == 40)
            #expect(statuses.allSatisfy { $0.1 == 200 }, "\(statuses.filter { $0.1 != 200 })")
        }
        let entries: Int? = try f.caseload.database.read { try $0.scalar("SELECT count(*) FROM life_log_entry") }
        #expect(entries == 20)
        #expect(try f.caseload.verifyAudit().problem == nil)
    }
}
