namespace SecComms.Testing;

/// <summary>Text beyond a category's template, which a communication needs before it may go out.</summary>
public static class WrittenContent
{
    /// <summary>The <c>content</c> of a create request: a body and an email body with a sentence of their own.</summary>
    public static object For(string title) => new { body = $"# {title}\n\n{Sentence(title)}", emailBody = Sentence(title) };

    public static string Sentence(string title) => $"What readers need to know about {title}.";
}
