using System;
using System.IO;

namespace ClientIp.DocGen;

/// <summary>Finds the repository root: the nearest folder, upwards, that holds ClientIp.Analyzers.sln.</summary>
public static class RepositoryRoot
{
    /// <summary>The repository root at or above <paramref name="start"/>.</summary>
    public static string Find(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ClientIp.Analyzers.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No ClientIp.Analyzers.sln at or above '{start}'.");
    }
}
