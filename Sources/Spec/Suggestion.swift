/// "Did you mean …?" for unknown keys and enum values.
enum Suggestion {
    /// The closest candidate within a small edit distance, if any is close enough to help.
    static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
        let lowered = word.lowercased()
        var best: (candidate: String, distance: Int, sharedPrefix: Int)?
        for candidate in candidates {
            let other = candidate.lowercased()
            let distance = editDistance(lowered, other)
            // Ties go to the candidate that starts like the word: 'IMUTABLE' is 'IMMUTABLE'.
            let sharedPrefix = zip(lowered, other).prefix { $0 == $1 }.count
            if let current = best, (distance, -sharedPrefix) >= (current.distance, -current.sharedPrefix) { continue }
            best = (candidate, distance, sharedPrefix)
        }
        guard let best else { return nil }
        let tolerance = max(1, min(3, word.count / 3))
        return best.distance <= tolerance ? best.candidate : nil
    }

    /// " (did you mean 'x'?)" or "".
    static func hint(for word: String, in candidates: some Sequence<String>) -> String {
        closest(to: word, in: candidates).map { " (did you mean '\($0)'?)" } ?? ""
    }

    /// Damerau–Levenshtein (optimal string alignment): a swapped pair of letters costs one edit,
    /// which is the most common typo in keys (`scan_on_psuh`).
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
