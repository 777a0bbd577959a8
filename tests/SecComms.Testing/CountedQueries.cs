using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SecComms.Testing;

/// <summary>
/// The SQL commands each request a test marks runs against the real database, from the moment it reaches the host
/// (the session and token lookups included) to its response; background work and other requests are not counted.
/// </summary>
/// <remarks>
/// A request is marked with <see cref="Header"/>; the mark follows the request's own flow of work, so commands are
/// counted where EF Core sends them, with their text for a failing test to show.
/// </remarks>
public sealed class CountedQueries
{
    public const string Header = "X-Test-Count-Queries";

    private readonly AsyncLocal<ConcurrentQueue<string>?> _current = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _byMark = new();

    internal CountedQueries()
    {
        Interceptor = new CommandCounter(this);
    }

    internal IInterceptor Interceptor { get; }

    internal IStartupFilter Marking => new MarkRequests(this);

    /// <summary>Sends <paramref name="request"/> through <paramref name="client"/> and returns its response with the commands it ran.</summary>
    public async Task<CountedRequest> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        var mark = Guid.NewGuid().ToString("N");
        var commands = _byMark.GetOrAdd(mark, _ => new ConcurrentQueue<string>());
        request.Headers.Add(Header, mark);
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        _byMark.TryRemove(mark, out _);
        return new CountedRequest(response, [.. commands]);
    }

    public Task<CountedRequest> GetAsync(HttpClient client, string url) => SendAsync(client, new HttpRequestMessage(HttpMethod.Get, url));

    private void Record(DbCommand command) => _current.Value?.Enqueue(command.CommandText);

    private sealed class MarkRequests(CountedQueries queries) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, rest) =>
            {
                if (queries._byMark.TryGetValue(context.Request.Headers[Header].ToString(), out var commands))
                {
                    queries._current.Value = commands;
                }
                return rest(context);
            });
            next(app);
        };
    }

    private sealed class CommandCounter(CountedQueries queries) : DbCommandInterceptor
    {
        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            queries.Record(command);
            return result;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            queries.Record(command);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
        {
            queries.Record(command);
            return result;
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            queries.Record(command);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
        {
            queries.Record(command);
            return result;
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result,
            CancellationToken cancellationToken = default)
        {
            queries.Record(command);
            return ValueTask.FromResult(result);
        }
    }
}

/// <summary>A response and the SQL commands its request ran, in order.</summary>
public sealed record CountedRequest(HttpResponseMessage Response, IReadOnlyList<string> Commands)
{
    public int Count => Commands.Count;

    /// <summary>Every command, numbered, for a test that fails to show what ran.</summary>
    public string Listing => string.Join("\n", Commands.Select((c, i) => $"{i + 1}. {c.ReplaceLineEndings(" ")}"));
}
