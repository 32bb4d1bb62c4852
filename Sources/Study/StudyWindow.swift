import Finance
import Strategy

/// One train/test pair: candidates are ranked on `train` (in sample) and the winner is judged on
/// `test` (out of sample), which starts after `train` ends.
public struct StudyWindow: Sendable, Hashable, Codable {
    public var train: DateSpan
    public var test: DateSpan

    public init(train: DateSpan, test: DateSpan) {
        self.train = train
        self.test = test
    }
}

/// How the windows are laid over the data: one explicit pair, or rolling walk-forward windows.
public enum WindowPlan {
    /// `--train FROM..TO --test FROM..TO`: both inside `data` (the first and last session with
    /// SPX and VIX), the test window after the train window.
    public static func fixed(train: DateSpan, test: DateSpan, data: DateSpan) throws -> [StudyWindow] {
        for (span, field) in [(train, "--train"), (test, "--test")] where !(data.contains(span.from) && data.contains(span.to)) {
            throw StrategyError.invalidInput(field: field, rule: "\(span) falls outside the data (\(data))")
        }
        guard !train.overlaps(test) else {
            throw StrategyError.invalidInput(field: "--test", rule: "\(test) overlaps the train window \(train): out-of-sample days must not be trained on")
        }
        guard test.from > train.to else {
            throw StrategyError.invalidInput(field: "--test", rule: "\(test) must come after the train window \(train)")
        }
        return [StudyWindow(train: train, test: test)]
    }

    /// `--walk-forward --train-years N --test-years M`: the first train window starts at `data.from`
    /// and lasts N years; its test window is the next M years (cut at `data.to`); then both move on
    /// by M years, until a test window would start after the data.
    public static func walkForward(trainYears: Int, testYears: Int, data: DateSpan) throws -> [StudyWindow] {
        guard (1...50).contains(trainYears) else { throw StrategyError.invalidInput(field: "--train-years", rule: "must be 1 … 50 (got \(trainYears))") }
        guard (1...50).contains(testYears) else { throw StrategyError.invalidInput(field: "--test-years", rule: "must be 1 … 50 (got \(testYears))") }
        var windows: [StudyWindow] = []
        var start = data.from
        while true {
            let testFrom = start.adding(years: trainYears)
            guard testFrom <= data.to else { break }
            let train = DateSpan(from: start, to: testFrom.adding(days: -1))
            let test = DateSpan(from: testFrom, to: min(testFrom.adding(years: testYears).adding(days: -1), data.to))
            windows.append(StudyWindow(train: train, test: test))
            start = start.adding(years: testYears)
        }
        guard !windows.isEmpty else {
            throw StrategyError.invalidInput(field: "--train-years", rule: "\(trainYears) year(s) of training leave no test window in the data (\(data))")
        }
        return windows
    }
}
