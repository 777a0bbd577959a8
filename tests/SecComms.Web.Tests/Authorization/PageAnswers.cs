namespace SecComms.Web.Tests.Authorization;

/// <summary>
/// How a page answers: it sends someone not signed in to sign in; it says 404 for a record the person may not see and
/// 403 (with the reason) to someone a page filter turns away; a change it carries out redirects (302), and one Core
/// refuses shows the page again with the reason (200), changing nothing.
/// </summary>
public static class PageAnswers
{
    /// <summary>Open to everyone, signed in or not.</summary>
    public static Answer Anyone(int status) => _ => Outcome.Unchanged(status);

    /// <summary>A page read: shown to those who <paramref name="see"/>, 404 to everyone else signed in.</summary>
    public static Answer Shows(Func<Persona, bool> see) => SignedIn(p => Outcome.Unchanged(see(p) ? 200 : 404));

    /// <summary>A page read a filter guards: shown to those who <paramref name="may"/>, <paramref name="refused"/> to everyone else signed in.</summary>
    public static Answer Shows(Func<Persona, bool> may, int refused) => SignedIn(p => Outcome.Unchanged(may(p) ? 200 : refused));

    /// <summary>A change on a page: carried out for those who <paramref name="may"/>; refused on the page for others who see the record.</summary>
    public static Answer Changes(Func<Persona, bool> see, Func<Persona, bool> may, int done = 302) =>
        SignedIn(p => !see(p) ? Outcome.Unchanged(404) : may(p) ? Outcome.Done(done) : Outcome.Unchanged(200));

    /// <summary>A change the record's state does not allow: refused on the page for everyone who sees it.</summary>
    public static Answer Refused(Func<Persona, bool> see) => Changes(see, _ => false);

    /// <summary>A handler that only shows something (a preview, a score): 200 for those who see the record, and nothing changes.</summary>
    public static Answer Computes(Func<Persona, bool> see) => SignedIn(p => Outcome.Unchanged(see(p) ? 200 : 404));

    /// <summary>Every handler of the page answers a viewer 403 with the forbidden page before anything else.</summary>
    public static Answer WritersOnly(this Answer answer) => p => p.IsViewer ? Outcome.Unchanged(403) : answer(p);

    /// <summary>Every handler of the page answers those who may not <paramref name="use"/> it with <paramref name="status"/>, before anything else.</summary>
    public static Answer Only(this Answer answer, Func<Persona, bool> use, int status) =>
        p => !p.Anonymous && !use(p) ? Outcome.Unchanged(status) : answer(p);

    private static Answer SignedIn(Answer answer) => p => p.Anonymous ? Outcome.SignIn : answer(p);
}
