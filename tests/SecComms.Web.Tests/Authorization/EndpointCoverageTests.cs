namespace SecComms.Web.Tests.Authorization;

/// <summary>
/// The matrix covers the application as it is mapped: an endpoint, page or page handler with no expectation fails, so
/// a new one needs its expectations written first; an expectation for something no longer mapped fails too.
/// </summary>
[Collection(MatrixFixture.Name)]
public sealed class EndpointCoverageTests(MatrixFixture fixture)
{
    [Fact]
    public void Every_api_endpoint_has_an_expectation_in_the_matrix()
    {
        var probes = ReadMatrix.For(fixture).Concat(ChangeMatrix.All(fixture)).ToList();

        AssertCovered(AppEndpoints.Api(fixture.App), probes.Select(p => AppEndpoints.Key(p.Method, p.Pattern)), minimum: 50);
        Assert.All(probes, probe => Assert.True(probe.FillsEveryParameter, $"{probe} leaves a route parameter unfilled."));
    }

    [Fact]
    public void Every_page_handler_has_an_expectation_in_the_matrix()
    {
        var probes = PageReadMatrix.For(fixture).Concat(PageChangeMatrix.All(fixture)).ToList();

        AssertCovered(AppEndpoints.Pages(fixture.App), probes.Select(p => p.Key), minimum: 90);
        Assert.All(probes, probe => Assert.True(probe.FillsEveryParameter, $"{probe} leaves a route parameter unfilled."));
    }

    [Fact]
    public void Every_other_endpoint_has_an_expectation_in_the_matrix()
    {
        AssertCovered(AppEndpoints.Public(fixture.App), PublicReadMatrix.For(fixture).Select(p => p.Key), minimum: 10);
    }

    /// <summary>
    /// Posts that change nothing for anyone: they compute or show something, end a browser's session, or are authorized by
    /// a one-time code or a recipient's link the matrix does not hold (their own tests cover that).
    /// </summary>
    private static readonly string[] ChangeNothing =
    [
        "POST /api/v1/cvss/score",
        "POST /communications/{id:guid}/edit?handler=Preview",
        "POST /vulnerabilities/new?handler=Score", "POST /vulnerabilities/new?handler=AddRange", "POST /vulnerabilities/new?handler=AddCredit",
        "POST /vulnerabilities/new?handler=LiveScore",
        "POST /vulnerabilities/{id:guid}?handler=Score", "POST /vulnerabilities/{id:guid}?handler=AddRange",
        "POST /vulnerabilities/{id:guid}?handler=AddCredit", "POST /vulnerabilities/{id:guid}?handler=LiveScore",
        "POST /signout", "POST /error", "POST /setup", "POST /ack/{token}", "POST /unsubscribe/{token}", "POST /account/set-password",
    ];

    [Fact]
    public void Every_change_is_carried_out_for_someone_in_the_matrix_so_its_refusals_are_not_a_broken_request()
    {
        var apiChanges = ChangeMatrix.All(fixture).ToList();
        var pageChanges = PageChangeMatrix.All(fixture).ToList();
        var carriedOut = apiChanges.Where(p => People.All.Any(persona => p.Expected(persona).Changes)).Select(p => AppEndpoints.Key(p.Method, p.Pattern))
            .Concat(pageChanges.Where(p => People.All.Any(persona => p.Expected(persona).Changes)).Select(p => p.Key));
        var changes = apiChanges.Select(p => AppEndpoints.Key(p.Method, p.Pattern)).Concat(pageChanges.Select(p => p.Key));

        Assert.Empty(changes.Except(carriedOut).Except(ChangeNothing).Order(StringComparer.Ordinal));
        Assert.Empty(ChangeNothing.Intersect(carriedOut));
    }

    private static void AssertCovered(IReadOnlySet<string> mapped, IEnumerable<string> expected, int minimum)
    {
        var listed = expected.ToHashSet(StringComparer.Ordinal);
        Assert.True(mapped.Count >= minimum, $"Only {mapped.Count} were found: {string.Join(", ", mapped)}");
        Assert.Empty(mapped.Except(listed).Order(StringComparer.Ordinal));
        Assert.Empty(listed.Except(mapped).Order(StringComparer.Ordinal));
    }
}
