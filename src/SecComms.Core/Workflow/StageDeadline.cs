using System.Globalization;
using SecComms.Core.Communications;
using SecComms.Core.Policy;

namespace SecComms.Core.Workflow;

/// <summary>When the waiting approval stage of a communication opened, and by when it is due.</summary>
/// <param name="Stage">The index of the waiting stage.</param>
/// <param name="OpenedAt">The later of the submission and the approval of the stage before it.</param>
/// <param name="DueAt">Opened plus the category's deadline: the emergency one in emergency mode, else the normal one.</param>
/// <param name="Allowed">The deadline that applies.</param>
/// <param name="Review">The review part of an incident severity's window; null under the category's deadlines.</param>
public sealed record StageDeadline(int Stage, DateTimeOffset OpenedAt, DateTimeOffset DueAt, TimeSpan Allowed, TimeSpan? Review = null)
{
    /// <summary>
    /// When the stage's team is reminded: once the review window ends with no decision, or else when a quarter of the
    /// time allowed remains.
    /// </summary>
    public DateTimeOffset RemindAt => Review is { } review ? OpenedAt + review : DueAt - Allowed / 4;

    /// <summary>The deadline of the stage waiting now; null unless the communication is in review with a stage waiting.</summary>
    public static StageDeadline? Of(Communication communication, Category category, IReadOnlyList<StageProgress> stages)
    {
        if (communication.Status != CommunicationStatus.InReview || communication.SubmittedAt is not { } submitted
            || ApprovalProgress.Waiting(stages) is not { } waiting)
        {
            return null;
        }
        var previous = stages.Take(waiting.Index).LastOrDefault(s => s.Approval is not null)?.Approval?.At;
        var opened = previous > submitted ? previous.Value : submitted;
        if (communication.ReviewWindow is { } review && communication.ApproveWindow is { } approve)
        {
            return new StageDeadline(waiting.Index, opened, opened + review + approve, review + approve, review);
        }
        var allowed = communication.Emergency ? category.Deadlines.Emergency : category.Deadlines.Normal;
        return new StageDeadline(waiting.Index, opened, opened + allowed, allowed);
    }

    /// <summary>An instant as people read it in messages: <c>2026-11-02 13:00 UTC</c>.</summary>
    public static string Format(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>
    /// Whether the backup teams of the waiting stage may approve it: at once when no one in the stage's own team may
    /// approve any more (<paramref name="teamUnstaffed"/>, see <see cref="TeamStaffing"/>), or else in emergency mode or
    /// under an incident's approval windows, once it is overdue.
    /// </summary>
    /// <param name="communication">The communication in review.</param>
    /// <param name="stage">The waiting stage.</param>
    /// <param name="now">The time of the decision.</param>
    /// <param name="teamUnstaffed">Whether the stage's team has no active member left who may approve.</param>
    public bool BackupsEngaged(Communication communication, ApprovalStage stage, DateTimeOffset now, bool teamUnstaffed) =>
        stage.Backup.Count > 0 && (teamUnstaffed || (communication.Emergency || Review is not null) && now >= DueAt);
}
