using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.FileProviders.Physical;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace ClientIp;

/// <summary>
/// The provider lists <see cref="ClientIpOptions.TrustedProxiesFile"/> and <see cref="ClientIpOptions.TrustedProxiesUrl"/>:
/// loaded when the application starts, then followed (the file watched, the URL fetched on an interval). A new list is
/// offered to <c>tryApply</c>, which applies it only if the whole configuration with it is valid; whatever is rejected is
/// logged and the previous list stays in use.
/// </summary>
internal sealed partial class TrustedProxySources : IDisposable
{
    private static readonly TimeSpan StartupFetchTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(30);

    private readonly ClientIpOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private readonly List<IDisposable> _watchers = new();
    private HttpClient? _http;
    private ITimer? _timer;
    private Func<IReadOnlyList<string>, string?>? _tryApply;
    private IReadOnlyList<string> _fileEntries = Array.Empty<string>();
    private IReadOnlyList<string> _urlEntries = Array.Empty<string>();
    private int _refreshing;

    public TrustedProxySources(ClientIpOptions options, ILogger logger, TimeProvider time)
    {
        _options = options;
        _logger = logger;
        _time = time;
    }

    /// <summary>Whether the options name any source.</summary>
    public static bool AreConfigured(ClientIpOptions options) => options.TrustedProxiesFile is not null || options.TrustedProxiesUrl is not null;

    /// <summary>The entries of every source, as last applied.</summary>
    public IReadOnlyList<string> Entries
    {
        get
        {
            lock (_gate)
            {
                return [.. _fileEntries, .. _urlEntries];
            }
        }
    }

    private string CacheFile => _options.TrustedProxiesCacheFile
        ?? Path.Combine(Path.GetTempPath(), "clientip-trusted-proxies-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(_options.TrustedProxiesUrl!)))[..16] + ".txt");

    /// <summary>
    /// Loads every source before the first request. A file that is missing or invalid stops the application, as a bad
    /// configured entry does; a URL that cannot be reached falls back to the cached list, or to none (logged).
    /// </summary>
    public void LoadAtStartup()
    {
        if (_options.TrustedProxiesFile is { } file)
        {
            _fileEntries = TrustedProxyList.Parse(ReadFile(file), out var error)
                ?? throw new InvalidOperationException($"ClientIp:TrustedProxiesFile \"{file}\" is not a valid list of proxies: {error}");
            LogLoaded(_logger, _fileEntries.Count, file);
        }

        if (_options.TrustedProxiesUrl is { } url)
        {
            _http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
            string? reason;
            try
            {
                using var timeout = new CancellationTokenSource(StartupFetchTimeout);
                var entries = TrustedProxyList.Parse(FetchAsync(url, timeout.Token).GetAwaiter().GetResult(), out reason);
                if (entries is not null)
                {
                    _urlEntries = entries;
                    SaveCache(entries);
                    LogLoaded(_logger, entries.Count, url);
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
            {
                reason = e.Message;
            }

            var cached = File.Exists(CacheFile) ? TrustedProxyList.Parse(ReadFile(CacheFile), out _) : null;
            if (cached is not null)
            {
                _urlEntries = cached;
                LogUsingCache(_logger, url, reason ?? "", CacheFile, cached.Count);
            }
            else
            {
                LogNoList(_logger, url, reason ?? "", CacheFile);
            }
        }
    }

    /// <summary>Starts following the sources; each new list goes through <paramref name="tryApply"/> (null = applied, else why not).</summary>
    public void Follow(Func<IReadOnlyList<string>, string?> tryApply)
    {
        _tryApply = tryApply;
        if (_options.TrustedProxiesFile is { } file)
        {
            var full = Path.GetFullPath(file);
            var provider = new PhysicalFileProvider(Path.GetDirectoryName(full)!, ExclusionFilters.None);
            _watchers.Add(provider);
            _watchers.Add(ChangeToken.OnChange(() => provider.Watch(Path.GetFileName(full)), () => ReloadFile(file)));
        }

        if (_options.TrustedProxiesUrl is not null)
        {
            var interval = _options.TrustedProxiesRefreshInterval;
            _timer = _time.CreateTimer(_ => _ = RefreshAsync(), null, interval, interval);
        }
    }

    public void Dispose()
    {
        _timer?.Dispose();
        foreach (var watcher in _watchers)
        {
            watcher.Dispose();
        }

        _http?.Dispose();
    }

    /// <summary>Fetches the URL once more; used by the timer and by tests.</summary>
    public async Task RefreshAsync()
    {
        if (Interlocked.Exchange(ref _refreshing, 1) == 1)
        {
            return; // the previous refresh is still running
        }

        var url = _options.TrustedProxiesUrl!;
        try
        {
            using var timeout = new CancellationTokenSource(FetchTimeout);
            var text = await FetchAsync(url, timeout.Token).ConfigureAwait(false);
            var entries = TrustedProxyList.Parse(text, out var error);
            var rejected = entries is null ? error : Offer(fileEntries: null, urlEntries: entries);
            if (rejected is null)
            {
                SaveCache(entries!);
                LogLoaded(_logger, entries!.Count, url);
            }
            else
            {
                LogRejected(_logger, url, rejected);
            }
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
        {
            LogRejected(_logger, url, "it could not be fetched: " + e.Message);
        }
        finally
        {
            Volatile.Write(ref _refreshing, 0);
        }
    }

    private void ReloadFile(string file)
    {
        try
        {
            var entries = TrustedProxyList.Parse(ReadFile(file), out var error);
            var rejected = entries is null ? error : Offer(fileEntries: entries, urlEntries: null);
            if (rejected is null)
            {
                LogLoaded(_logger, entries!.Count, file);
            }
            else
            {
                LogRejected(_logger, file, rejected);
            }
        }
        catch (IOException e)
        {
            LogRejected(_logger, file, "it could not be read: " + e.Message);
        }
    }

    /// <summary>Offers the sources' entries with one of them replaced; keeps the replacement only if it was applied.</summary>
    private string? Offer(IReadOnlyList<string>? fileEntries, IReadOnlyList<string>? urlEntries)
    {
        lock (_gate)
        {
            var rejected = _tryApply!([.. fileEntries ?? _fileEntries, .. urlEntries ?? _urlEntries]);
            if (rejected is null)
            {
                _fileEntries = fileEntries ?? _fileEntries;
                _urlEntries = urlEntries ?? _urlEntries;
            }

            return rejected;
        }
    }

    private async Task<string> FetchAsync(string url, CancellationToken cancellation)
    {
        using var response = await _http!.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellation).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        if (response.Content.Headers.ContentLength > TrustedProxyList.MaxLength)
        {
            throw new IOException($"the response is longer than {TrustedProxyList.MaxLength} bytes");
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellation).ConfigureAwait(false);
        using var reader = new StreamReader(stream);
        var buffer = new char[TrustedProxyList.MaxLength + 1];
        var read = await reader.ReadBlockAsync(buffer.AsMemory(), cancellation).ConfigureAwait(false);
        return new string(buffer, 0, read);
    }

    private void SaveCache(IReadOnlyList<string> entries)
    {
        try
        {
            var temporary = CacheFile + ".tmp";
            File.WriteAllText(temporary, $"# {_options.TrustedProxiesUrl} at {_time.GetUtcNow():O}\n" + string.Join("\n", entries) + "\n");
            File.Move(temporary, CacheFile, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogCacheNotSaved(_logger, CacheFile, e.Message);
        }
    }

    private static string ReadFile(string path)
    {
        using var reader = new StreamReader(path);
        var buffer = new char[TrustedProxyList.MaxLength + 1];
        return new string(buffer, 0, reader.ReadBlock(buffer));
    }

    [LoggerMessage(EventId = 10, EventName = "TrustedProxiesLoaded", Level = LogLevel.Information,
        Message = "Trusting {Count} proxy addresses and ranges from {Source}.")]
    private static partial void LogLoaded(ILogger logger, int count, string source);

    [LoggerMessage(EventId = 11, EventName = "TrustedProxiesRejected", Level = LogLevel.Error,
        Message = "Did not apply the trusted-proxy list from {Source}: {Reason} The previous list stays in use.")]
    private static partial void LogRejected(ILogger logger, string source, string reason);

    [LoggerMessage(EventId = 12, EventName = "TrustedProxiesFromCache", Level = LogLevel.Warning,
        Message = "Could not fetch the trusted-proxy list from {Url} ({Reason}); using the {Count} entries last fetched, kept in {CacheFile}.")]
    private static partial void LogUsingCache(ILogger logger, string url, string reason, string cacheFile, int count);

    [LoggerMessage(EventId = 13, EventName = "TrustedProxiesUnavailable", Level = LogLevel.Error,
        Message = "Could not fetch the trusted-proxy list from {Url} ({Reason}) and there is no cached list in {CacheFile}: "
            + "the provider's proxies are not trusted until a fetch succeeds, so requests through them resolve to the proxy.")]
    private static partial void LogNoList(ILogger logger, string url, string reason, string cacheFile);

    [LoggerMessage(EventId = 14, EventName = "TrustedProxiesCacheNotSaved", Level = LogLevel.Warning,
        Message = "Could not save the trusted-proxy list to {CacheFile}: {Reason}.")]
    private static partial void LogCacheNotSaved(ILogger logger, string cacheFile, string reason);
}
