using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace ClientIp.IntegrationTests.Infrastructure;

/// <summary>
/// A language server driven as an editor drives it: JSON-RPC over the server's stdin and stdout, with LSP's
/// <c>Content-Length</c> framing. It answers the server's requests (<c>workspace/configuration</c> with the editor
/// settings it was given, anything else with null), keeps the latest <c>textDocument/publishDiagnostics</c> per file, and
/// records the server's stderr and log messages for failure messages. Disposing it kills the server's process tree.
/// </summary>
public sealed class LanguageServer : IAsyncDisposable
{
    private readonly Process process;
    private readonly JsonObject settings;
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonNode?>> pending = new();
    private readonly Dictionary<string, JsonArray> diagnostics = new(StringComparer.Ordinal);
    private readonly StringBuilder log = new();
    private readonly SemaphoreSlim writeLock = new(1, 1);
    private readonly TaskCompletionSource exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource published = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int nextId;

    private LanguageServer(Process process, JsonObject settings, string command)
    {
        this.process = process;
        this.settings = settings;
        Command = command;
    }

    /// <summary>The command line, for messages.</summary>
    public string Command { get; }

    /// <summary>What the server wrote to stderr and in log and show-message notifications, in order.</summary>
    public string Log
    {
        get
        {
            lock (log)
            {
                return log.ToString();
            }
        }
    }

    /// <summary>
    /// Starts the server. <paramref name="settings"/> is the editor's configuration, by section (e.g.
    /// <c>{ "csharp": { "analyzersEnabled": true } }</c>): what <c>workspace/configuration</c> is answered with.
    /// </summary>
    public static LanguageServer Start(
        string fileName,
        IEnumerable<string> arguments,
        string workingDirectory,
        IReadOnlyDictionary<string, string?> environment,
        JsonObject settings)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = value;
            }
        }

        var process = new Process { StartInfo = startInfo };
        var server = new LanguageServer(process, settings, string.Join(' ', startInfo.ArgumentList.Prepend(fileName)));
        process.ErrorDataReceived += (_, e) => server.AppendLog(e.Data);
        process.Start();
        process.BeginErrorReadLine();
        _ = Task.Run(server.ReadLoopAsync);
        return server;
    }

    /// <summary>Sends a request and waits for its result; an error response or the server exiting throws.</summary>
    public async Task<JsonNode?> RequestAsync(string method, JsonNode? parameters, TimeSpan timeout)
    {
        var id = Interlocked.Increment(ref nextId);
        var response = new TaskCompletionSource<JsonNode?>(TaskCreationOptions.RunContinuationsAsynchronously);
        pending[id] = response;
        await SendAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = parameters });
        var finished = await Task.WhenAny(response.Task, Task.Delay(timeout));
        if (finished != response.Task)
        {
            pending.TryRemove(id, out _);
            throw new TimeoutException($"No answer to '{method}' within {timeout.TotalSeconds:F0} s.\n{Describe()}");
        }

        return await response.Task;
    }

    /// <summary>Sends a notification.</summary>
    public Task NotifyAsync(string method, JsonNode? parameters) =>
        SendAsync(new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method, ["params"] = parameters });

    /// <summary>
    /// Waits until the diagnostics last published for <paramref name="path"/> satisfy <paramref name="done"/> (a server
    /// publishes a file several times as its analysis progresses) and returns them; throws with everything the server
    /// said when that does not happen within <paramref name="timeout"/> or the server exits.
    /// </summary>
    public async Task<JsonArray> WaitForDiagnosticsAsync(string path, Func<JsonArray, bool> done, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            Task next;
            lock (diagnostics)
            {
                if (diagnostics.TryGetValue(path, out var latest) && done(latest))
                {
                    return latest;
                }

                next = published.Task;
            }

            var left = timeout - clock.Elapsed;
            if (left <= TimeSpan.Zero || await Task.WhenAny(next, exited.Task, Task.Delay(left)) != next)
            {
                lock (diagnostics)
                {
                    var last = diagnostics.TryGetValue(path, out var latest) ? latest.ToJsonString() : "(nothing was published)";
                    var why = exited.Task.IsCompleted ? "the server exited" : $"timed out after {timeout.TotalSeconds:F0} s";
                    throw new TimeoutException($"Waiting for the diagnostics of {path}: {why}.\nLast published: {last}\n{Describe()}");
                }
            }
        }
    }

    /// <summary>Asks the server to shut down and exit, as an editor does when it closes; bounded.</summary>
    public async Task ShutdownAsync(TimeSpan timeout)
    {
        await RequestAsync("shutdown", null, timeout);
        await NotifyAsync("exit", null);
        await Task.WhenAny(exited.Task, Task.Delay(timeout));
    }

    /// <summary>The command, its exit state and its log, for assertion messages.</summary>
    public string Describe() =>
        $"$ {Command}\n({(process.HasExited ? $"exited with {process.ExitCode}" : "running")})\n{Log}";

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
        {
            // Already gone, or a grandchild still holds a pipe: nothing more to do here.
        }
        finally
        {
            process.Dispose();
            writeLock.Dispose();
        }
    }

    private async Task SendAsync(JsonObject message)
    {
        var body = Encoding.UTF8.GetBytes(message.ToJsonString());
        var header = Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n");
        await writeLock.WaitAsync();
        try
        {
            var stdin = process.StandardInput.BaseStream;
            await stdin.WriteAsync(header);
            await stdin.WriteAsync(body);
            await stdin.FlushAsync();
        }
        catch (IOException e)
        {
            throw new IOException($"Could not write to the server.\n{Describe()}", e);
        }
        finally
        {
            writeLock.Release();
        }
    }

    private async Task ReadLoopAsync()
    {
        var stdout = process.StandardOutput.BaseStream;
        try
        {
            while (await ReadMessageAsync(stdout) is { } message)
            {
                await DispatchAsync(message);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or System.Text.Json.JsonException or InvalidDataException)
        {
            AppendLog($"[test client] reading from the server failed: {e.Message}");
        }
        finally
        {
            exited.TrySetResult();
            foreach (var request in pending.Values)
            {
                request.TrySetException(new IOException($"The server closed its output.\n{Describe()}"));
            }
        }
    }

    private async Task DispatchAsync(JsonObject message)
    {
        var method = (string?)message["method"];
        var id = message["id"];
        if (method is null)
        {
            // A response to one of our requests.
            if (id is not null && pending.TryRemove((int)id, out var request))
            {
                if (message["error"] is { } error)
                {
                    request.TrySetException(new InvalidOperationException($"The server answered with an error: {error.ToJsonString()}"));
                }
                else
                {
                    request.TrySetResult(message["result"]?.DeepClone());
                }
            }

            return;
        }

        if (id is not null)
        {
            // A request from the server: configuration is answered from the settings, the rest (capability
            // registration, progress tokens) is acknowledged.
            var result = method == "workspace/configuration" ? Configuration(message["params"]) : null;
            await SendAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id.DeepClone(), ["result"] = result });
            return;
        }

        switch (method)
        {
            case "textDocument/publishDiagnostics":
                var parameters = message["params"]!;
                lock (diagnostics)
                {
                    diagnostics[new Uri((string)parameters["uri"]!).LocalPath] = parameters["diagnostics"]!.AsArray();
                    var signal = published;
                    published = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    signal.SetResult();
                }

                break;
            case "window/logMessage" or "window/showMessage":
                AppendLog($"[{method}] {(string?)message["params"]?["message"]}");
                break;
        }
    }

    private JsonArray Configuration(JsonNode? parameters) =>
        new((parameters?["items"]?.AsArray() ?? [])
            .Select(item => Section((string?)item?["section"])?.DeepClone())
            .ToArray());

    /// <summary>The settings at a dotted section name (<c>csharp</c>, <c>csharp.analyzersEnabled</c>), or null.</summary>
    private JsonNode? Section(string? name) =>
        string.IsNullOrEmpty(name)
            ? settings
            : name.Split('.').Aggregate((JsonNode?)settings, (node, part) => node is JsonObject o ? o[part] : null);

    private static async Task<JsonObject?> ReadMessageAsync(Stream stream)
    {
        var length = -1;
        while (await ReadHeaderLineAsync(stream) is { } line)
        {
            if (line.Length == 0)
            {
                if (length < 0)
                {
                    throw new InvalidDataException("A message without Content-Length.");
                }

                var body = new byte[length];
                await stream.ReadExactlyAsync(body);
                return JsonNode.Parse(body)!.AsObject();
            }

            var colon = line.IndexOf(':');
            if (colon > 0 && line[..colon].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                length = int.Parse(line[(colon + 1)..].Trim());
            }
        }

        return null;
    }

    /// <summary>One header line without its CR LF; null at the end of the stream.</summary>
    private static async Task<string?> ReadHeaderLineAsync(Stream stream)
    {
        var line = new List<byte>();
        var one = new byte[1];
        while (await stream.ReadAsync(one) == 1)
        {
            if (one[0] == '\n')
            {
                return Encoding.ASCII.GetString(line.ToArray()).TrimEnd('\r');
            }

            line.Add(one[0]);
        }

        return null;
    }

    private void AppendLog(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.AppendLine(line);
        }
    }
}
