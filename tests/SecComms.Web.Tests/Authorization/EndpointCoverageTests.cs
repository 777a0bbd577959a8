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
        AssertCovered(AppEndpoints.Public(fixture.App), PublicReadMatrix.For(fixture.Records).Select(p => p.Key), minimum: 10);
    }

    private static void AssertCovered(IReadOnlySet<string> mapped, IEnumerable<string> expected, int minimum)
    {
        var listed = expected.ToHashSet(StringComparer.Ordinal);
        Assert.True(mapped.Count >= minimum, $"Only {mapped.Count} were found: {string.Join(", ", mapped)}");
        Assert.Empty(mapped.Except(listed).Order(StringComparer.Ordinal));
        Assert.Empty(listed.Except(mapped).Order(StringComparer.Ordinal));
    }
}
