import SupervisionRules
import ArgumentParser

/// Every top-level command, in the order `--help` lists them.
let commandList: [any ParsableCommand.Type] = [
    InitCommand.self, OfficerCommand.self, HolidayCommand.self, RegisterCommand.self, TermCommand.self,
    InterviewCommand.self, LifelogCommand.self, RestrictionCommand.self, LocationCommand.self, ScanCommand.self,
    OverdueCommand.self, ViolationsCommand.self, ViolationCommand.self, RecallCommand.self, ShowCommand.self,
    AuditCommand.self, DemoCommand.self, BackupCommand.self, CheckCommand.self, ImportCommand.self,
    ExportCommand.self, RetentionCommand.self, AccountCommand.self, ServeCommand.self,
]
