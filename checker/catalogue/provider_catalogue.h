#pragma once
// Provider facts as data: catalogue/resources.yaml, embedded in the binary
// and checked when first read (types and providers sorted and unique within a
// format, known fields only; a malformed catalogue is a build defect,
// reported with its line). Adding a resource type the checks know is a change
// to that file (docs/catalogue.md).
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "checker/model/document.h"

namespace clause::catalogue {

enum class TagShape : uint8_t {
  Map,             // {key: value}: Terraform tags/labels, Kubernetes labels
  KeyValueList,    // [{Key: k, Value: v}]: CloudFormation Tags
  KeyValueBlocks,  // repeated blocks or objects {key = k, value = v}: Terraform `tag` of an autoscaling group
};

struct TagPath {
  std::string path;  // dotted path in the resource body; `*` fans out over a list
  TagShape shape = TagShape::Map;
};

// A store's own automated backups: how long they are kept, read from one
// attribute, and how often they are taken.
struct BackupFacts {
  std::string retention;              // the attribute holding the days kept
  double retention_default = 0;       // days kept when it is not written
  std::optional<double> off;          // a value at or below this switches them off; none: always on
  std::optional<double> every_hours;  // between recovery points; none: continuous (point-in-time)
  std::vector<std::string> unless;    // attributes whose presence means another store's backups (a replica)
  std::string what = "point-in-time recovery";  // as messages name them
};

// A copy of the store's data kept in a region the resource names: a replica
// or a backup copy.
struct CopyFacts {
  std::string each;     // the list (or block) holding one copy per element; "" = the resource itself
  std::string region;   // the attribute, in that element, naming the copy's region
  std::string what;     // "replica", "backup": as messages name it
  bool backup = false;  // a backup copy (the agreement's backups) rather than a replica
};

// A log store's retention: how long it keeps logs, read from one attribute.
struct LogFacts {
  std::string retention;         // the attribute holding the days kept
  double retention_default = 0;  // days kept when it is not written; 0: never expires
  std::string noun;              // "log group": as messages name the store
};

// A setting's value as the catalogue writes it: a boolean or a word.
using SettingValue = std::variant<bool, std::string>;

// What destroying the store does to its data, read from the setting that
// decides it (Terraform `force_destroy`, CloudFormation `DeletionPolicy`).
struct TeardownFacts {
  std::string setting;                        // "" when destroying always deletes the data
  SettingValue deletes = true;                // its value under which destroying deletes the data
  std::optional<SettingValue> default_value;  // its value when not written; none: not judged then
  std::vector<std::string> unless;            // attributes that, when true, stop the destroy
  std::string effect;                         // what destroying does, as messages say it
};

// How long deleted data stays restorable (soft delete, a recovery window),
// read from one attribute.
struct SoftDeleteFacts {
  std::string within;            // a block that turns it on when written; "" = always on
  std::string retention;         // the attribute holding how long (inside `within` when set)
  double retention_default = 0;  // days when it is not written
  double unit_days = 1;          // the attribute's unit in days (seconds: 1/86400)
  std::string what;              // what it does, as messages say it
};

// One attribute that holds a period, and its unit in days.
struct Period {
  std::string path;
  double unit_days = 1;  // seconds: 1/86400, years: 365
};

// Retention nobody can shorten (a compliance-mode lock, a locked policy):
// what it holds cannot be deleted before the period ends.
struct LockFacts {
  std::string each;  // the blocks holding one lock each, walked element by element; "" = the resource
  std::string when;  // the attribute, in a lock, that locks it
  std::optional<SettingValue> when_is;  // its value that locks; none: locked when it is written
  std::vector<Period> keeps;            // the period kept: the first of these that is written
  std::string what;                     // what it keeps, as messages say it
  bool backups = false;                 // it keeps recovery points (backups) rather than customer data
};

// Encryption at rest that one boolean attribute switches on.
struct EncryptionFacts {
  std::string setting;      // the attribute
  bool default_on = false;  // whether it is on when the attribute is not written
};

// How long a key waits between the request to delete it and its
// destruction, read from one attribute.
struct KeyDeletionFacts {
  std::string window;            // the attribute holding the wait
  double window_default = 0;     // days when it is not written
  bool google_duration = false;  // written as Google writes durations ("2592000s"), not in days
};

struct ResourceFacts {
  std::string type;      // aws_s3_bucket, AWS::S3::Bucket, StatefulSet
  std::string provider;  // Terraform: aws, azurerm, google; "" otherwise
  bool data = false;     // holds customer data (the data-bearing set)
  std::string name;      // the attribute other resources name it by, "" when none
  std::string key;       // the attribute naming its customer-managed key, "" when none
  // The attributes that place it, when not its provider's `location` (a
  // Google store that one attribute places, or leaves to its provider).
  std::vector<std::string> location;
  std::vector<TagPath> tags;  // where it keeps tags besides its provider's (read after them)
  std::optional<BackupFacts> backup;
  std::vector<CopyFacts> copies;
  std::optional<LogFacts> logs;
  std::optional<TeardownFacts> teardown;
  std::vector<SoftDeleteFacts> soft_delete;
  std::optional<LockFacts> lock;
  std::optional<EncryptionFacts> encryption;
  std::optional<KeyDeletionFacts> key_deletion;
};

// What holds for every resource of a provider (Terraform) or of a format.
struct ProviderFacts {
  std::string provider;                        // Terraform: aws, azurerm, google; "" otherwise
  std::vector<std::string> location;           // resource attributes that place it, in the order consulted
  std::vector<std::string> provider_location;  // the same in its provider configuration
  std::vector<TagPath> tags;                   // where its resources keep tags, in the order read
};

class ProviderCatalogue {
 public:
  // Reads a catalogue; throws std::runtime_error naming `origin:line:col`.
  static ProviderCatalogue parse(std::string_view text, const std::string &origin);
  // The same from the catalogue's parsed document (its path is the origin).
  static ProviderCatalogue from_document(const Document &doc);

  // The facts of `type` in `format`'s catalogue, or nullptr.
  const ResourceFacts *find(DocKind format, std::string_view type) const;
  // The facts of `provider` ("" outside Terraform) in `format`, or nullptr.
  const ProviderFacts *provider(DocKind format, std::string_view provider) const;
  // Every entry of `format`, in catalogue order.
  const std::vector<ResourceFacts> &types(DocKind format) const;
  const std::vector<ProviderFacts> &providers(DocKind format) const;
  bool holds_data(DocKind format, std::string_view type) const;

  // The types a rule's `targets:` alias stands for, in catalogue order:
  // "@data-stores" (every type of `format` that holds data) or, for
  // Terraform, "@data-stores/<provider>" (aws, azurerm or google). Throws
  // std::invalid_argument saying which aliases exist for anything else.
  std::vector<std::string> expand_alias(DocKind format, std::string_view alias) const;

 private:
  // terraform (HCL, .tf.json and plans), cloudformation, kubernetes
  std::map<std::string, std::vector<ResourceFacts>, std::less<>> formats_;
  std::map<std::string, std::vector<ProviderFacts>, std::less<>> providers_;
};

// The built-in catalogue (catalogue/resources.yaml).
const ProviderCatalogue &provider_catalogue();

}  // namespace clause::catalogue
