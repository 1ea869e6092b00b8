using System;
using System.Threading;
using Microsoft.CodeAnalysis.Text;

namespace ClientIp.Analyzers.Common;

/// <summary>Ordinal substring search over a <see cref="SourceText"/> in fixed-size chunks, without building the whole string.</summary>
internal static class SourceTextSearch
{
    private const int ChunkSize = 4096;

    /// <summary>Which of <paramref name="needles"/> (at most 32) occur in <paramref name="text"/>, as a bit mask by index.</summary>
    public static int Find(SourceText text, string[] needles, CancellationToken ct)
    {
        var longest = 0;
        foreach (var needle in needles)
        {
            longest = Math.Max(longest, needle.Length);
        }

        // Each chunk repeats the last (longest - 1) characters of the previous one so no match straddles a boundary.
        var buffer = new char[ChunkSize + longest];
        int found = 0, all = (1 << needles.Length) - 1;
        for (var start = 0; start < text.Length && found != all; start += ChunkSize)
        {
            ct.ThrowIfCancellationRequested();
            var from = Math.Max(0, start - (longest - 1));
            var count = Math.Min(text.Length, start + ChunkSize) - from;
            text.CopyTo(from, buffer, 0, count);
            for (var i = 0; i < needles.Length; i++)
            {
                if ((found & (1 << i)) == 0 && IndexOf(buffer, count, needles[i]) >= 0)
                {
                    found |= 1 << i;
                }
            }
        }

        return found;
    }

    // Span search: vectorised on .NET, where the compiler runs analyzers in builds.
    private static int IndexOf(char[] buffer, int count, string needle) =>
        new ReadOnlySpan<char>(buffer, 0, count).IndexOf(needle.AsSpan(), StringComparison.Ordinal);
}
