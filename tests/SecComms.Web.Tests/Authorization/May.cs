namespace SecComms.Web.Tests.Authorization;

/// <summary>
/// Who may do what, written from the documentation (docs/concepts.md, docs/architecture.md), not from Core's
/// permission code, so that the matrix checks the code against the documented rules.
/// </summary>
public static class May
{
    public static bool SeeConfidential(Persona p) => p.In("security") || p == People.Author || p == People.Participant;

    /// <summary>The vulnerability teams of the default policy; the preparer is one of them.</summary>
    public static bool SeeEmbargoed(Persona p) => p.In("security") || p.In("appsec");

    public static bool SeeIncidents(Persona p) => p.In("security");

    public static bool ReadAudit(Persona p) => p.In("security");

    /// <summary>Administrators and <c>Distribution:ManagerTeams</c> (security, customer-success, support by default).</summary>
    public static bool ReadAudiences(Persona p) => p.IsAdmin || p.In("security") || p.In("customer-success") || p.In("support");

    public static bool ManageWebhooks(Persona p) => (p.IsAdmin || p.In("security")) && !p.IsViewer;

    /// <summary>Only the security team invokes the quorum fallback (<c>quorum-fallback</c> in the policy).</summary>
    public static bool InvokeQuorumFallback(Persona p) => p.In("security") && !p.IsViewer;

    public static bool ManagePeople(Persona p) => p.IsAdmin;
}

/// <summary>The status a persona is answered with.</summary>
public delegate int Answer(Persona persona);

public static class Answers
{
    /// <summary>Every <c>/api/v1</c> endpoint needs a token; then everyone signed in gets <paramref name="status"/>.</summary>
    public static Answer Everyone(int status) => p => p.Anonymous ? 401 : status;

    /// <summary>
    /// A change to a record the person may not see: 404, as if it did not exist. A viewer is refused for being a viewer
    /// before anything is looked up (403), as for a record that does not exist, so that answer tells them nothing either.
    /// </summary>
    public static Answer Hidden => p => p.Anonymous ? 401 : p.IsViewer ? 403 : 404;

    public static Answer When(Func<Persona, bool> may, int allowed, int refused) => p => p.Anonymous ? 401 : may(p) ? allowed : refused;
}
