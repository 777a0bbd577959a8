namespace SecComms.Web.Tests.Authorization;

/// <summary>
/// What one call must come to for one persona: the status it is answered with, whether it changed the records, and for a
/// redirect whether it sends the visitor to sign in.
/// </summary>
public sealed record Outcome(int Status, bool Changes, bool ToSignIn = false)
{
    /// <summary>Allowed and carried out: the records changed.</summary>
    public static Outcome Done(int status) => new(status, Changes: true);

    /// <summary>Refused, or a read: the records are as they were.</summary>
    public static Outcome Unchanged(int status) => new(status, Changes: false);

    /// <summary>A page sends someone who is not signed in to the sign-in page, and changes nothing.</summary>
    public static readonly Outcome SignIn = new(302, Changes: false, ToSignIn: true);

    public override string ToString() => $"{Status}{(ToSignIn ? " to sign in" : "")}, {(Changes ? "changed" : "nothing changed")}";
}

/// <summary>The outcome a persona must get.</summary>
public delegate Outcome Answer(Persona persona);

public static class Answers
{
    /// <summary>Every <c>/api/v1</c> endpoint needs a token; then everyone signed in gets <paramref name="status"/>.</summary>
    public static Answer Everyone(int status) => p => Outcome.Unchanged(p.Anonymous ? 401 : status);

    /// <summary>A read: <paramref name="allowed"/> for those who <paramref name="may"/>, <paramref name="refused"/> for everyone else signed in.</summary>
    public static Answer When(Func<Persona, bool> may, int allowed, int refused) =>
        p => Outcome.Unchanged(p.Anonymous ? 401 : may(p) ? allowed : refused);

    /// <summary>
    /// A change to a record the person may not see: 404, as if it did not exist. A viewer is refused for being a viewer
    /// before anything is looked up (403), as for a record that does not exist, so that answer tells them nothing either.
    /// </summary>
    public static Answer Hidden => p => Outcome.Unchanged(p.Anonymous ? 401 : p.IsViewer ? 403 : 404);

    /// <summary>
    /// A change to one record: those who cannot see it are answered as <see cref="Hidden"/>; of those who can, the ones
    /// who <paramref name="may"/> get <paramref name="done"/> and it is carried out, viewers get 403 and the others
    /// <paramref name="refused"/>.
    /// </summary>
    public static Answer Change(Func<Persona, bool> sees, Func<Persona, bool> may, int done, int refused = 403) =>
        p => p.Anonymous ? Outcome.Unchanged(401)
            : !sees(p) ? Hidden(p)
            : may(p) ? Outcome.Done(done)
            : Outcome.Unchanged(p.IsViewer ? 403 : refused);

    /// <summary>
    /// A change the record's state does not allow: refused as <see cref="Change"/> refuses, and for those who may with
    /// <paramref name="status"/> (409, or 400 when the request makes no sense for this kind of record).
    /// </summary>
    public static Answer Conflict(Func<Persona, bool> sees, Func<Persona, bool> may, int status = 409) =>
        p => p.Anonymous ? Outcome.Unchanged(401)
            : !sees(p) ? Hidden(p)
            : Outcome.Unchanged(!p.IsViewer && may(p) ? status : 403);

    /// <summary>A change to no particular record: carried out for those who <paramref name="may"/>, 403 for everyone else signed in.</summary>
    public static Answer Create(Func<Persona, bool> may, int done) => Everyone(403).Allows(may, done);

    /// <summary>Carried out (<paramref name="done"/>) for those who <paramref name="may"/>; everyone else gets <paramref name="otherwise"/>.</summary>
    public static Answer Allows(this Answer otherwise, Func<Persona, bool> may, int done) => p => may(p) ? Outcome.Done(done) : otherwise(p);

    /// <summary>Refused with <paramref name="status"/> for those <paramref name="who"/> match, before <paramref name="otherwise"/> is asked.</summary>
    public static Answer Refuses(this Answer otherwise, Func<Persona, bool> who, int status) => p => who(p) ? Outcome.Unchanged(status) : otherwise(p);
}
