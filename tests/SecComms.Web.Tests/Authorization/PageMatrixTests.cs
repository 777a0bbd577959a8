namespace SecComms.Web.Tests.Authorization;

/// <summary>
/// Every page, every handler of a page and every public document, as every kind of person: the answer each gets, that
/// no one is shown a record a rule hides from them, and that every form is carried out for those allowed and for no one
/// else, changing nothing for them.
/// </summary>
[Collection(MatrixFixture.Name)]
public sealed class PageMatrixTests(MatrixFixture fixture)
{
    [Fact]
    public async Task Every_page_answers_each_person_as_the_matrix_says_and_shows_no_hidden_record()
    {
        await fixture.RestoreAsync();
        var runner = new MatrixRunner(fixture);

        await runner.AskAsync(PageReadMatrix.For(fixture));
        await runner.AskAsync(PublicReadMatrix.For(fixture));

        Assert.True(runner.Failures.Count == 0, string.Join("\n", runner.Failures));
        Assert.Empty(await fixture.Fresh.ChangedTablesAsync());
    }

    [Fact]
    public async Task Every_page_form_is_carried_out_for_those_allowed_and_refused_to_everyone_else_changing_nothing()
    {
        var runner = new MatrixRunner(fixture);

        await runner.AskAsync(PageChangeMatrix.All(fixture));

        Assert.True(runner.Failures.Count == 0, string.Join("\n", runner.Failures));
        Assert.True(runner.WebhooksReceived > 0, "No publication reached the webhook receiver, so webhooks were not checked.");
    }
}
