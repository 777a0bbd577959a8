using System.Text;
using SecComms.Core.Communications;
using SecComms.Core.Policy;
using SecComms.Core.Workflow;

namespace SecComms.Core.Notifications;

/// <summary>A subject and plain-text body.</summary>
internal sealed record NotificationText(string Subject, string Body);

/// <summary>
/// The words of every notification. A message names the reference, the category, what is asked and by when, and links
/// to the communication; it never carries the text of a confidential communication, not even its title.
/// </summary>
internal sealed class NotificationMessages(Communication communication, Category category, string link)
{
    public NotificationText StageOpen(StageProgress stage, StageDeadline? deadline) => new(
        $"{communication.Reference}: your approval is needed{By(deadline)}",
        Body(
            $"Stage {Stage(stage)} is waiting for your team's approval.",
            $"Read revision {communication.CurrentRevision} and approve or reject it{By(deadline)}.",
            $"You receive this because you are a member of team {stage.Stage.Team}."));

    public NotificationText Reminder(StageProgress stage, StageDeadline deadline) => new(
        $"Reminder: {communication.Reference} needs your approval{By(deadline)}",
        Body(
            $"Stage {Stage(stage)} has been waiting since {StageDeadline.Format(deadline.OpenedAt)} and is due{By(deadline)}.",
            $"Read revision {communication.CurrentRevision} and approve or reject it.",
            $"You receive this because you are a member of team {stage.Stage.Team}."));

    public NotificationText BackupsEngaged(StageProgress stage, StageDeadline deadline, IEnumerable<string> teams, bool teamUnstaffed) => new(
        teamUnstaffed
            ? $"{communication.Reference} needs a backup approval: no one in {stage.Stage.Team} may approve it"
            : $"{communication.Reference} needs a backup approval: stage {stage.Index + 1} ({stage.Stage.Team}) is overdue",
        Body(
            teamUnstaffed
                ? $"No one active is left in team {stage.Stage.Team} to approve stage {Stage(stage)}, due {StageDeadline.Format(deadline.DueAt)}."
                : $"{communication.Reference} is in emergency mode and stage {Stage(stage)} missed its deadline of {StageDeadline.Format(deadline.DueAt)}.",
            $"As a backup approver you may now approve or reject revision {communication.CurrentRevision} for that stage.",
            $"You receive this because you are a member of backup team {string.Join(" or ", teams)}."));

    /// <summary>To an approver whose approval a change reset; <paramref name="change"/> says which part of the package changed.</summary>
    public NotificationText ApprovalReset(string editor, int stage, string team, int approvedRevision, string change) => new(
        $"{communication.Reference} changed: your approval no longer counts",
        Body(
            change == "text"
                ? $"{editor} edited {communication.Reference} after you approved revision {approvedRevision} for stage {stage + 1} ({team})."
                : $"{editor} changed {Changed(change)} of {communication.Reference} after you approved it for stage {stage + 1} ({team}).",
            change == "text"
                ? $"Your approval does not carry over to the new text: read revision {communication.CurrentRevision} and decide again when the stage opens."
                : "Your approval covered what it would disclose, to whom and when: read it again and decide again when the stage opens.",
            "You receive this because your approval was reset."));

    private static string Changed(string change) => change switch
    {
        "links" => "the release, incident or embargo",
        "audience" => "who the email goes to",
        "segment" => "the definition of the segment the email goes to",
        "release" => "the vulnerabilities or versions of the release",
        _ => "what goes out with it",
    };

    public NotificationText Rejected(string rejecter, int? stage, string team) => new(
        $"{communication.Reference} was rejected{(stage is { } n ? $" at stage {n + 1} ({team})" : "")}",
        Body(
            $"{rejecter} rejected revision {communication.CurrentRevision} of {communication.Reference}; it is a draft again.",
            "Read the reason in SecComms, revise the text and submit it for review again.",
            $"You receive this because you wrote a revision of {communication.Reference}."));

    public NotificationText Published(bool fyi) => new(
        $"{communication.Reference} was published",
        Body(
            $"{communication.Reference} was published{(communication.PublishedAt is { } at ? $" at {StageDeadline.Format(at)}" : "")} (revision {communication.PublishedRevision ?? communication.CurrentRevision}).",
            null,
            fyi ? $"You receive this because your team is told of every {category.Name.ToLowerInvariant()}." : $"You receive this because you wrote a revision of {communication.Reference}."));

    private static string By(StageDeadline? deadline) => deadline is null ? "" : $" by {StageDeadline.Format(deadline.DueAt)}";

    private static string Stage(StageProgress stage) =>
        $"{stage.Index + 1} ({stage.Stage.Team}{(stage.Stage.Purpose is null ? "" : $": {stage.Stage.Purpose}")})";

    private string Body(string what, string? ask, string why)
    {
        var body = new StringBuilder();
        body.Append(communication.Reference).Append(" (").Append(category.Name).Append(')');
        body.Append(communication.IsConfidential ? ", confidential: its text is only in SecComms." : $": {communication.Title}").Append('\n');
        body.Append('\n').Append(what).Append('\n');
        if (ask is not null)
        {
            body.Append(ask).Append('\n');
        }
        body.Append('\n').Append(link).Append('\n');
        body.Append('\n').Append(why).Append('\n');
        return body.ToString();
    }
}
