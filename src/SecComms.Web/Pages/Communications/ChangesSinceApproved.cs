using SecComms.Core.Communications;
using SecComms.Core.Workflow;

namespace SecComms.Web.Pages.Communications;

/// <summary>What changed in a communication since the latest earlier revision a stage approved, for a page to link to.</summary>
/// <param name="Id">The communication.</param>
/// <param name="Revision">Its current revision.</param>
/// <param name="Approved">The latest earlier revision a stage approved.</param>
public sealed record ChangesSinceApproved(Guid Id, int Revision, int Approved)
{
    /// <summary>The changes in <paramref name="communication"/> since a stage last approved an earlier revision; null when none did.</summary>
    public static ChangesSinceApproved? Of(CommunicationView communication, IEnumerable<ApprovalView> approvals)
    {
        var current = communication.Revision.Number;
        var approved = approvals.Where(a => a.Decision == ApprovalDecision.Approved && a.Revision < current).Select(a => (int?)a.Revision).Max();
        return approved is { } revision ? new(communication.Id, current, revision) : null;
    }
}
