# CloudTrust agent: the one fixed script the PowerShell backend runs, under Windows PowerShell 5.1:
#   powershell.exe -NoProfile -NonInteractive -ExecutionPolicy Bypass -File KerberosServer.ps1 -Operation <op> -Domain <dns>
# Parameters arrive as parameters (validated again here); credentials and user lists arrive as one JSON line on
# standard input, never on the command line. The cloud sign-in is either a password credential (-CloudCredential,
# "cloudSignIn":"password") or, attended, the administrator's UPN (-UserPrincipalName, "cloudSignIn":"interactive"):
# then the agent starts PowerShell without -NonInteractive and the module's own sign-in (with MFA) appears.
# The script writes exactly one JSON object to standard output:
#   {"ok":true,"server":{...}} | {"ok":true,"removed":true} | {"ok":true,"controllers":[...]}
#   {"ok":true,"directory":{...}}   (ReadKerberosServerDirectory: the on-premises half only, no cloud sign-in)
#   {"ok":true,"users":[...],"deniedGroups":[...],"policySource":"object"|"default"}   (FindPrivilegedUsers)
#   {"ok":true,"gpos":[...],"containers":[...]}   (ListHelloGroupPolicies: the agent reads links from the raw gPLink)
#   {"ok":false,"error":"<message>","errorId":"<FullyQualifiedErrorId>"}
[CmdletBinding()]
param(
    [Parameter(Mandatory = $true)]
    [ValidateSet('GetKerberosServer', 'ReadKerberosServerDirectory', 'EnsureKerberosServer', 'RotateKerberosServerKey', 'RemoveKerberosServer', 'CheckDomainPrerequisites', 'FindPrivilegedUsers', 'ListHelloGroupPolicies')]
    [string] $Operation,

    [Parameter(Mandatory = $true)]
    [ValidatePattern('^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$')]
    [string] $Domain
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3
# The agent writes and reads UTF-8 (names and passwords may hold non-ASCII characters); 5.1 defaults to the OEM code page.
[Console]::InputEncoding = New-Object System.Text.UTF8Encoding $false
[Console]::OutputEncoding = New-Object System.Text.UTF8Encoding $false

function Write-Result($value) {
    [Console]::Out.WriteLine(($value | ConvertTo-Json -Depth 6 -Compress))
}

function Convert-Server($s) {
    if ($null -eq $s) { return $null }
    $iso = { param($d) if ($null -eq $d) { $null } else { ([datetime]$d).ToUniversalTime().ToString('o') } }
    [ordered]@{
        Id                 = $s.Id
        UserAccount        = "$($s.UserAccount)"
        ComputerAccount    = "$($s.ComputerAccount)"
        DisplayName        = $s.DisplayName
        DomainDnsName      = $s.DomainDnsName
        KeyVersion         = $s.KeyVersion
        KeyUpdatedOn       = & $iso $s.KeyUpdatedOn
        KeyUpdatedFrom     = $s.KeyUpdatedFrom
        CloudDisplayName   = $s.CloudDisplayName
        CloudDomainDnsName = $s.CloudDomainDnsName
        CloudId            = $s.CloudId
        CloudKeyVersion    = $s.CloudKeyVersion
        CloudKeyUpdatedOn  = & $iso $s.CloudKeyUpdatedOn
    }
}

function New-Credential($user, $password) {
    $secure = ConvertTo-SecureString -String $password -AsPlainText -Force
    New-Object System.Management.Automation.PSCredential ($user, $secure)
}

try {
    $inputLine = [Console]::In.ReadLine()
    $payload = $inputLine | ConvertFrom-Json
    $inputLine = $null

    if ($Operation -in @('ReadKerberosServerDirectory', 'CheckDomainPrerequisites', 'FindPrivilegedUsers')) {
        Import-Module ActiveDirectory
    } elseif ($Operation -eq 'ListHelloGroupPolicies') {
        Import-Module ActiveDirectory
        Import-Module GroupPolicy
    } else {
        Import-Module AzureADHybridAuthenticationManagement
        if ($payload.cloudSignIn -eq 'interactive') {
            $cloud = @{ UserPrincipalName = "$($payload.cloudUserName)" }
        } else {
            $cloud = @{ CloudCredential = (New-Credential $payload.cloudUserName $payload.cloudPassword) }
        }
        $domainCred = New-Credential $payload.domainUserName $payload.domainPassword
    }

    switch ($Operation) {
        'GetKerberosServer' {
            $s = Get-AzureADKerberosServer -Domain $Domain @cloud -DomainCredential $domainCred
            Write-Result @{ ok = $true; server = (Convert-Server $s) }
        }
        'ReadKerberosServerDirectory' {
            # The on-premises half only, read as the agent's own account (no cloud sign-in, no Domain Admin), so it
            # works for a domain whose cloud sign-in is attended. The computer object is the RODC-like
            # CN=AzureADKerberos in the Domain Controllers OU; its msDS-KrbTgtLink names the krbtgt_AzureAD user whose
            # msDS-KeyVersionNumber (constructed) is the key version and pwdLastSet the key's update time. Whether the
            # user is disabled is left to the agent to read from userAccountControl (bit 0x2), never assumed here.
            $root = (Get-ADDomain -Server $Domain).DistinguishedName
            $computer = $null
            try {
                $computer = Get-ADComputer -Identity "CN=AzureADKerberos,OU=Domain Controllers,$root" -Server $Domain -Properties 'msDS-KrbTgtLink'
            } catch [Microsoft.ActiveDirectory.Management.ADIdentityNotFoundException] { }
            if ($null -eq $computer) {
                Write-Result @{ ok = $true; directory = [ordered]@{ ComputerAccount = $null } }
            } else {
                $user = $null
                $link = "$($computer.'msDS-KrbTgtLink')"
                if ($link) {
                    try {
                        $user = Get-ADUser -Identity $link -Server $Domain -Properties 'msDS-KeyVersionNumber', 'pwdLastSet', 'userAccountControl'
                    } catch [Microsoft.ActiveDirectory.Management.ADIdentityNotFoundException] { }
                }
                $found = [ordered]@{ ComputerAccount = "$($computer.DistinguishedName)"; UserAccount = $null; KeyVersion = $null; KeyUpdatedOn = $null; UserAccountControl = $null }
                if ($null -ne $user) {
                    $found.UserAccount = "$($user.DistinguishedName)"
                    $found.KeyVersion = $user.'msDS-KeyVersionNumber'
                    $found.UserAccountControl = $user.userAccountControl
                    if ($user.pwdLastSet -gt 0) { $found.KeyUpdatedOn = [datetime]::FromFileTimeUtc($user.pwdLastSet).ToString('o') }
                }
                Write-Result @{ ok = $true; directory = $found }
            }
        }
        'EnsureKerberosServer' {
            $s = Get-AzureADKerberosServer -Domain $Domain @cloud -DomainCredential $domainCred
            $changed = $false
            if ($null -eq $s) {
                Set-AzureADKerberosServer -Domain $Domain @cloud -DomainCredential $domainCred
                $s = Get-AzureADKerberosServer -Domain $Domain @cloud -DomainCredential $domainCred
                $changed = $true
            }
            Write-Result @{ ok = $true; changed = $changed; server = (Convert-Server $s) }
        }
        'RotateKerberosServerKey' {
            Set-AzureADKerberosServer -Domain $Domain @cloud -DomainCredential $domainCred -RotateServerKey
            $s = Get-AzureADKerberosServer -Domain $Domain @cloud -DomainCredential $domainCred
            Write-Result @{ ok = $true; changed = $true; server = (Convert-Server $s) }
        }
        'RemoveKerberosServer' {
            Remove-AzureADKerberosServer -Domain $Domain @cloud -DomainCredential $domainCred
            Write-Result @{ ok = $true; changed = $true; removed = $true }
        }
        'CheckDomainPrerequisites' {
            $dcs = @(Get-ADDomainController -Filter * -Server $Domain | ForEach-Object {
                [ordered]@{
                    HostName = $_.HostName; Site = $_.Site; OperatingSystem = $_.OperatingSystem
                    OperatingSystemVersion = $_.OperatingSystemVersion; IsReadOnly = $_.IsReadOnly
                }
            })
            Write-Result @{ ok = $true; controllers = $dcs }
        }
        'FindPrivilegedUsers' {
            # The denied groups are the object's own Password Replication Policy (msDS-NeverRevealGroup on
            # CN=AzureADKerberos,OU=Domain Controllers,<domain DN>), read from AD; before the object exists, the RODC
            # default the module gives it (the built-in groups below and the Denied RODC Password Replication Group).
            $root = (Get-ADDomain -Server $Domain).DistinguishedName
            $policySource = 'object'
            try {
                $object = Get-ADComputer -Identity "CN=AzureADKerberos,OU=Domain Controllers,$root" -Server $Domain -Properties 'msDS-NeverRevealGroup'
                $denied = @($object.'msDS-NeverRevealGroup')
            } catch [Microsoft.ActiveDirectory.Management.ADIdentityNotFoundException] {
                $policySource = 'default'
                $denied = @('Administrators', 'Server Operators', 'Backup Operators', 'Account Operators', 'Denied RODC Password Replication Group')
            }
            $deniedNames = @()
            $members = @{}
            foreach ($group in $denied) {
                try {
                    $groupName = (Get-ADGroup -Identity $group -Server $Domain).Name
                    $deniedNames += $groupName
                    foreach ($m in (Get-ADGroupMember -Identity $group -Recursive -Server $Domain | Where-Object { $_.objectClass -eq 'user' })) {
                        $u = Get-ADUser -Identity $m.distinguishedName -Server $Domain -Properties userPrincipalName
                        if ($u.userPrincipalName) {
                            $key = $u.userPrincipalName.ToLowerInvariant()
                            if (-not $members.ContainsKey($key)) { $members[$key] = @() }
                            $members[$key] += $groupName
                        }
                    }
                } catch [Microsoft.ActiveDirectory.Management.ADIdentityNotFoundException] { }
            }
            $users = @(foreach ($upn in $payload.userPrincipalNames) {
                $found = [bool](Get-ADUser -Filter { userPrincipalName -eq $upn } -Server $Domain)
                $groups = @(); if ($members.ContainsKey($upn.ToLowerInvariant())) { $groups = $members[$upn.ToLowerInvariant()] }
                [ordered]@{ UserPrincipalName = $upn; Found = $found; DeniedGroups = $groups }
            })
            Write-Result @{ ok = $true; users = $users; deniedGroups = $deniedNames; policySource = $policySource }
        }
        'ListHelloGroupPolicies' {
            # Reads only, as the agent's own account. Two Get-GPRegistryValue calls per GPO (one per key, not one
            # per value): a key the GPO does not configure throws 'not found', which means "sets nothing here".
            $maxComputers = 5000
            $valueNames = @('Enabled', 'UseCloudTrustForOnPremAuth', 'UseCertificateForOnPremAuth', 'RequireSecurityDevice')
            $keys = [ordered]@{
                Computer = 'HKLM\SOFTWARE\Policies\Microsoft\PassportForWork'
                User     = 'HKCU\SOFTWARE\Policies\Microsoft\PassportForWork'
            }
            $gpos = @()
            foreach ($gpo in @(Get-GPO -All -Domain $Domain)) {
                $values = @()
                foreach ($side in @($keys.Keys)) {
                    $found = @()
                    try {
                        $found = @(Get-GPRegistryValue -Guid $gpo.Id -Domain $Domain -Key $keys[$side] -ErrorAction Stop)
                    } catch {
                        if ("$($_.FullyQualifiedErrorId)" -like 'UnableToRetrievePolicyRegistryItem*' -or "$($_.Exception.Message)" -like '*was not found*') { continue }
                        throw
                    }
                    foreach ($v in $found) {
                        if ($v.ValueName -in $valueNames -and "$($v.PolicyState)" -eq 'Set') {
                            $values += ,([ordered]@{ Side = $side; ValueName = "$($v.ValueName)"; Value = "$($v.Value)" })
                        }
                    }
                }
                if ($values.Count -gt 0) {
                    $apply = @(Get-GPPermission -Guid $gpo.Id -DomainName $Domain -All | Where-Object { "$($_.Permission)" -eq 'GpoApply' } | ForEach-Object { "$($_.Trustee.Name)" })
                    $gpos += ,([ordered]@{ Id = "$($gpo.Id)"; DisplayName = $gpo.DisplayName; GpoStatus = "$($gpo.GpoStatus)"; Values = $values; SecurityFiltering = $apply })
                }
            }
            $containers = @()
            if ($gpos.Count -gt 0) {
                $ids = @($gpos | ForEach-Object { $_.Id.ToLowerInvariant() })
                $root = (Get-ADDomain -Server $Domain).DistinguishedName
                foreach ($c in @(Get-ADObject -Server $Domain -SearchBase $root -SearchScope Subtree -LDAPFilter '(gPLink=*)' -Properties gPLink)) {
                    $link = "$($c.gPLink)".ToLowerInvariant()
                    if (-not ($ids | Where-Object { $link.Contains("{$_}") })) { continue }
                    $names = @(Get-ADComputer -Server $Domain -SearchBase $c.DistinguishedName -SearchScope Subtree -Filter * -ResultSetSize ($maxComputers + 1) | ForEach-Object { "$($_.Name)" })
                    $containers += ,([ordered]@{
                        DistinguishedName  = "$($c.DistinguishedName)"
                        GpLink             = "$($c.gPLink)"
                        Computers          = @($names | Select-Object -First $maxComputers)
                        ComputersTruncated = ($names.Count -gt $maxComputers)
                    })
                }
            }
            Write-Result @{ ok = $true; gpos = $gpos; containers = $containers }
        }
    }
    exit 0
}
catch {
    Write-Result @{ ok = $false; error = "$($_.Exception.Message)"; errorId = "$($_.FullyQualifiedErrorId)" }
    exit 1
}
