namespace SecComms.Web.Tests.Authorization;

/// <summary>
/// Who may do what, written from the documentation (docs/concepts.md, incidents.md, exceptions.md, distribution.md,
/// security-releases.md, docs/architecture.md), not from Core's permission code, so that the matrix checks the code
/// against the documented rules. Every category the fixtures use is owned by security, the default policy's publisher.
/// </summary>
public static class May
{
    public static bool SeeConfidential(Persona p) => p.In("security") || p == People.Author || p == People.Participant;

    /// <summary>The vulnerability teams of the default policy; the preparer is one of them.</summary>
    public static bool SeeEmbargoed(Persona p) => p.In("security") || p.In("appsec");

    public static bool SeeIncidents(Persona p) => p.In("security");

    /// <summary>Everyone signed in reads a communication that is neither confidential nor held for a release.</summary>
    public static bool SeePublic(Persona p) => !p.Anonymous;

    public static bool ReadAudit(Persona p) => p.In("security");

    /// <summary>Administrators and <c>Distribution:ManagerTeams</c> (security, customer-success, support by default).</summary>
    public static bool ReadAudiences(Persona p) => p.IsAdmin || p.In("security") || p.In("customer-success") || p.In("support");

    public static bool ManageAudiences(Persona p) => ReadAudiences(p) && p.IsWriter;

    public static bool ManageWebhooks(Persona p) => (p.IsAdmin || p.In("security")) && p.IsWriter;

    /// <summary>Administrators add people, to the teams they are in themselves.</summary>
    public static bool ManagePeople(Persona p) => p.IsAdmin;

    public static bool ReplacePolicy(Persona p) => p.IsAdmin;

    /// <summary>Any member who can see a communication edits it, submits it and decides their teams' stages.</summary>
    public static bool Write(Persona p) => p.IsWriter;

    /// <summary>
    /// The owner team and the policy's publishers (both security here) publish, schedule and withdraw, change links and
    /// audience, test-send, and switch emergency mode.
    /// </summary>
    public static bool Publish(Persona p) => p.IsWriter && p.In("security");

    /// <summary>An author of the communication, or a member of its owner team, answers the SAFE questions.</summary>
    public static bool AnswerSafe(Persona p, Persona author) => p.IsWriter && (p == author || p.In("security"));

    /// <summary>A member of the open stage's team who wrote no revision of it approves or rejects (sending it back to its author).</summary>
    public static bool DecideSecurityStage(Persona p, Persona author) => p.IsWriter && p.In("security") && p != author;

    /// <summary>Members of a consulted team give advice (the security team, on a contributed article).</summary>
    public static bool GiveSecurityAdvice(Persona p) => p.IsWriter && p.In("security");

    /// <summary>Only the security team invokes the quorum fallback and closes an incident's message with no public notification.</summary>
    public static bool InvokeQuorumFallback(Persona p) => p.IsWriter && p.In("security");

    public static bool ManageIncidents(Persona p) => p.IsWriter && p.In("security");

    /// <summary>
    /// Every member of an incident message's approving teams and their backups is named on it; in the default policy
    /// those are all the teams.
    /// </summary>
    public static bool SeeIncidentMessage(Persona p) => !p.Anonymous;

    /// <summary>
    /// <c>incidents.no-public-notification-approvers</c> (security and legal): they see a proposed decision, and a member
    /// of each team other than the proposer approves it.
    /// </summary>
    public static bool SeeIncidentDecision(Persona p) => p.In("security") || p.In("legal");

    public static bool ApproveIncidentDecision(Persona p, Persona proposer) => p.IsWriter && SeeIncidentDecision(p) && p != proposer;

    /// <summary>The vulnerability teams record vulnerabilities and plan, bundle, prepare and publish releases.</summary>
    public static bool ManageVulnerabilities(Persona p) => p.IsWriter && SeeEmbargoed(p);

    /// <summary>A member of <c>exceptions.approvers</c> (security), never the requester, approves or rejects.</summary>
    public static bool DecideException(Persona p, Persona requester) => p.IsWriter && p.In("security") && p != requester;

    public static bool RevokeException(Persona p) => p.IsWriter && p.In("security");

    /// <summary>The requester of the original, or a member of an approver team.</summary>
    public static bool ExtendException(Persona p, Persona requester) => p.IsWriter && (p == requester || p.In("security"));
}
