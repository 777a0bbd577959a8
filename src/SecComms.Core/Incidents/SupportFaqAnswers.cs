namespace SecComms.Core.Incidents;

/// <summary>
/// Whether a Support FAQ answers what it asks. The policy's templates give its questions with empty answers ("Q: …"
/// then "A:"), and support staff can use it only once each question has an answer, so a FAQ of questions alone is not
/// there yet.
/// </summary>
public static class SupportFaqAnswers
{
    private const string Question = "Q:";
    private const string Answer = "A:";

    /// <summary>It holds an answer, and every question (a line starting "Q:") is followed by one before the next question.</summary>
    /// <remarks>A FAQ written without "Q:" lines is all answers; a line starting "A:" answers only with text after the marker.</remarks>
    public static bool AreGiven(string faq)
    {
        var answered = false;
        var waiting = false;
        foreach (var line in faq.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0))
        {
            if (line.StartsWith(Question, StringComparison.OrdinalIgnoreCase))
            {
                if (waiting)
                {
                    return false;
                }
                waiting = true;
                continue;
            }
            var answer = line.StartsWith(Answer, StringComparison.OrdinalIgnoreCase) ? line[Answer.Length..].Trim() : line;
            if (answer.Length > 0)
            {
                (answered, waiting) = (true, false);
            }
        }
        return answered && !waiting;
    }
}
