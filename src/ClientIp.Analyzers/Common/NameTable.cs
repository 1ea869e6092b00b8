using System;
using System.Collections.Generic;

namespace ClientIp.Analyzers.Common;

/// <summary>
/// A fixed set of member names, each with flags, asked about the name of every call and property reference of a
/// project. The names are kept by length and compared ordinally, so a name that is not in the set (nearly every one)
/// is turned away on its length or its first character; a dictionary hashes the whole name first, and that hashing was
/// a sixth of our sampled time in a fresh compiler (bench/analyzer-cost/README.md, lever 13).
/// </summary>
internal sealed class NameTable
{
    private readonly string[]?[] _names;
    private readonly int[]?[] _flags;

    /// <param name="groups">Names and the flags they carry; a name in several groups carries the union of their flags.</param>
    /// <exception cref="ArgumentException">A name is empty or a group's flags are zero (zero means "not in the set").</exception>
    public NameTable(params (IReadOnlyList<string> Names, int Flags)[] groups)
    {
        var merged = new Dictionary<string, int>(StringComparer.Ordinal);
        var longest = 0;
        foreach (var (names, flags) in groups)
        {
            if (flags == 0)
            {
                throw new ArgumentException("Flags must not be zero: zero is the answer for a name not in the set.", nameof(groups));
            }

            foreach (var name in names)
            {
                if (string.IsNullOrEmpty(name))
                {
                    throw new ArgumentException("Names must not be empty.", nameof(groups));
                }

                merged[name] = (merged.TryGetValue(name, out var others) ? others : 0) | flags;
                longest = Math.Max(longest, name.Length);
            }
        }

        var byLength = new List<string>?[longest + 1];
        var flagsByLength = new List<int>?[longest + 1];
        foreach (var pair in merged)
        {
            (byLength[pair.Key.Length] ??= new List<string>()).Add(pair.Key);
            (flagsByLength[pair.Key.Length] ??= new List<int>()).Add(pair.Value);
        }

        _names = new string[]?[longest + 1];
        _flags = new int[]?[longest + 1];
        for (var length = 0; length <= longest; length++)
        {
            _names[length] = byLength[length]?.ToArray();
            _flags[length] = flagsByLength[length]?.ToArray();
        }
    }

    /// <summary>The flags of <paramref name="name"/> (ordinal), or zero when the set does not have it.</summary>
    public int Flags(string name)
    {
        // Bucket zero is always empty (no empty names), so a non-null bucket means name[0] exists.
        if ((uint)name.Length >= (uint)_names.Length || _names[name.Length] is not { } candidates)
        {
            return 0;
        }

        var first = name[0];
        for (var i = 0; i < candidates.Length; i++)
        {
            var candidate = candidates[i];
            if (candidate[0] == first && string.Equals(candidate, name))
            {
                return _flags[name.Length]![i];
            }
        }

        return 0;
    }

    /// <summary>Whether the set has <paramref name="name"/> (ordinal).</summary>
    public bool Contains(string name) => Flags(name) != 0;
}
