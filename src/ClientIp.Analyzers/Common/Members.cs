using System;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace ClientIp.Analyzers.Common;

/// <summary>Member look-ups on well-known types, and name checks that need no look-up.</summary>
internal static class Members
{
    /// <summary>
    /// A look-up made on first use rather than at compilation start: each type look-up searches every referenced
    /// assembly and each member look-up loads a whole type, so the symbols a rule needs only once it has a candidate
    /// wait for one. PublicationOnly: concurrent first uses may both look up (same answer), and a look-up that throws
    /// caches nothing.
    /// </summary>
    public static Lazy<T> Deferred<T>(Func<T> lookup) => new(lookup, LazyThreadSafetyMode.PublicationOnly);

    /// <summary>The first property named <paramref name="name"/> declared on <paramref name="type"/>, or null.</summary>
    public static IPropertySymbol? Property(INamedTypeSymbol? type, string name)
    {
        if (type is null)
        {
            return null;
        }

        foreach (var member in type.GetMembers(name))
        {
            if (member is IPropertySymbol property)
            {
                return property;
            }
        }

        return null;
    }

    /// <summary>
    /// Whether a top-level type's namespace-qualified name is <paramref name="fullName"/> (e.g.
    /// <c>Microsoft.AspNetCore.Builder.AuthAppBuilderExtensions</c>), compared name by name without building a string.
    /// </summary>
    public static bool HasFullName(INamedTypeSymbol type, string fullName)
    {
        var end = fullName.Length;
        ISymbol current = type;
        while (true)
        {
            var name = current.Name;
            var start = end - name.Length;
            if (start < 0 || string.CompareOrdinal(fullName, start, name, 0, name.Length) != 0)
            {
                return false;
            }

            if (current.ContainingNamespace is not { IsGlobalNamespace: false } container)
            {
                return start == 0;
            }

            if (start == 0 || fullName[start - 1] != '.')
            {
                return false;
            }

            end = start - 1;
            current = container;
        }
    }
}
