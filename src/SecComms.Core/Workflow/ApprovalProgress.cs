using SecComms.Core.Communications;
using SecComms.Core.Policy;

namespace SecComms.Core.Workflow;

public enum StageState
{
    /// <summary>Approved on the current revision.</summary>
    Approved,
    /// <summary>The first stage not yet approved: its team may approve now.</summary>
    Waiting,
    /// <summary>An earlier stage is still waiting.</summary>
    NotYetOpen,
    /// <summary>The stage applies only when customers are affected, and they are not.</summary>
    NotRequired,
    /// <summary>Not approved, but waived in this review round by an explicit quorum fallback.</summary>
    Waived,
}

/// <summary>Where one approval stage of a communication stands.</summary>
public sealed record StageProgress(int Index, ApprovalStage Stage, StageState State, Approval? Approval)
{
    public bool Applies => State != StageState.NotRequired;
}

/// <summary>Reads which stages of a category's approval order the current revision has passed.</summary>
public static class ApprovalProgress
{
    public static bool Applies(ApprovalStage stage, Communication communication) =>
        stage.When != StageConditions.CustomersAffected || communication.CustomersAffected;

    /// <summary>
    /// Evaluates the category's stages, then the stages flagged SAFE answers add. An approval fills a category stage by its
    /// index, and an added stage by its team, so an added stage keeps its approvals when other answers change.
    /// </summary>
    public static IReadOnlyList<StageProgress> Evaluate(Category category, SafeRules safe, Communication communication, SafeCheck? answers,
        IEnumerable<Approval> approvals)
    {
        var counting = approvals.Where(a => a.CountsFor(communication)).ToList();
        var own = category.Approvals.Count;
        var stages = category.Approvals.Concat(SafeQuestions.AddedStages(category, safe, communication, answers)).ToList();
        var result = new List<StageProgress>();
        var open = true;
        for (var index = 0; index < stages.Count; index++)
        {
            var stage = stages[index];
            if (!Applies(stage, communication))
            {
                result.Add(new StageProgress(index, stage, StageState.NotRequired, null));
                continue;
            }
            var approval = counting.FirstOrDefault(a => index < own ? a.Stage == index : a.Stage >= own && a.Team == stage.Team);
            if (approval is null && IsWaived(stage, communication))
            {
                result.Add(new StageProgress(index, stage, StageState.Waived, null));
                continue;
            }
            var state = approval is not null ? StageState.Approved : open ? StageState.Waiting : StageState.NotYetOpen;
            if (approval is null)
            {
                open = false;
            }
            result.Add(new StageProgress(index, stage, state, approval));
        }
        return result;
    }

    public static bool AllApproved(IReadOnlyList<StageProgress> stages) =>
        stages.All(s => s.State is StageState.Approved or StageState.NotRequired or StageState.Waived);

    private static bool IsWaived(ApprovalStage stage, Communication communication) =>
        communication.FallbackRound == communication.ReviewRound && communication.WaivedTeams.Contains(stage.Team);

    public static StageProgress? Waiting(IReadOnlyList<StageProgress> stages) => stages.FirstOrDefault(s => s.State == StageState.Waiting);
}
