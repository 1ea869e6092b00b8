using System;
using System.Threading;

namespace ClientIp.Analyzers.Common;

/// <summary>
/// A yes/no about a compilation, computed on first use and kept. Several analyzer callbacks may ask at once: the first
/// ones may all compute it (the answer is the same), and a computation that is cancelled caches nothing.
/// </summary>
internal sealed class CachedAnswer
{
    private const int Unknown = 0, No = 1, Yes = 2;
    private readonly Func<CancellationToken, bool> _compute;
    private int _state;

    public CachedAnswer(Func<CancellationToken, bool> compute) => _compute = compute;

    public bool Get(CancellationToken ct)
    {
        var state = Volatile.Read(ref _state);
        if (state == Unknown)
        {
            state = _compute(ct) ? Yes : No;
            Volatile.Write(ref _state, state);
        }

        return state == Yes;
    }
}
