#include "bench/inputs.h"

#include <filesystem>
#include <fstream>

namespace clause::bench {
namespace {

std::string n(size_t v) { return std::to_string(v); }

}  // namespace

std::string terraform_file(size_t resources, size_t seed) {
  std::string s = "# Generated for clause benchmarks.\nlocals {\n  env    = \"prod\"\n  prefix = \"svc-" +
                  n(seed) + "\"\n}\n\nvariable \"retention\" {\n  type    = number\n  default = 30\n}\n\n";
  for (size_t i = 0; i < resources; ++i) {
    std::string id = n(seed) + "_" + n(i);
    switch (i % 4) {
      case 0:
        s += "resource \"aws_s3_bucket\" \"b" + id + "\" {\n  bucket        = \"${local.prefix}-data-" +
             n(i) +
             "\"\n  force_destroy = false\n  tags = {\n    service = \"ledger\"\n    env     = local.env\n  "
             "}\n"
             "  lifecycle_rule {\n    id      = \"expire\"\n    enabled = true\n    expiration {\n"
             "      days = 365\n    }\n  }\n}\n\n";
        break;
      case 1:
        s += "resource \"aws_db_instance\" \"db" + id +
             "\" {\n  engine                  = \"postgres\"\n  instance_class          = \"db.t3.micro\"\n"
             "  backup_retention_period = " +
             n(i % 10) + "\n  multi_az                = " + (i % 3 ? "true" : "false") +
             "\n  storage_encrypted       = true\n  tags                    = merge(var.tags, { service = "
             "\"ledger\" })\n}\n\n";
        break;
      case 2:
        s += "resource \"aws_cloudwatch_log_group\" \"lg" + id + "\" {\n  name              = \"/app/" +
             n(i) + "\"\n  retention_in_days = " + (i % 3 ? "var.retention" : "0") +
             "\n  tags = {\n    service = \"ledger\"\n  }\n}\n\n";
        break;
      default:
        s += "resource \"aws_instance\" \"vm" + id +
             "\" {\n  ami           = data.aws_ami.ubuntu.id\n  instance_type = var.large ? \"m5.large\" : "
             "\"t3.micro\"\n  subnet_id     = aws_subnet.private[" +
             n(i % 3) +
             "].id\n  root_block_device {\n    encrypted   = true\n    volume_size = 20\n  }\n"
             "  user_data = <<-EOT\n    #!/bin/sh\n    echo ${local.env}\n  EOT\n}\n\n";
        break;
    }
  }
  return s;
}

std::string cloudformation_yaml(size_t resources, size_t seed) {
  std::string s = "AWSTemplateFormatVersion: \"2010-09-09\"\nDescription: Generated " + n(seed) +
                  "\nParameters:\n  Env:\n    Type: String\n    Default: prod\nResources:\n";
  for (size_t i = 0; i < resources; ++i) {
    if (i % 2 == 0) {
      s +=
          "  Bucket" + n(i) +
          ":\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Sub \"${Env}-b" + n(i) +
          "\"\n      VersioningConfiguration:\n        Status: Enabled\n      Tags:\n        - Key: service\n"
          "          Value: ledger\n";
    } else {
      s += "  Logs" + n(i) +
           ":\n    Type: AWS::Logs::LogGroup\n    Properties:\n      LogGroupName: !Ref Env\n" +
           (i % 3 ? "      RetentionInDays: 30\n" : "") +
           "      Tags:\n        - Key: service\n          Value: ledger\n";
    }
  }
  return s;
}

std::string cloudformation_json(size_t resources, size_t seed) {
  std::string s = "{\n  \"AWSTemplateFormatVersion\": \"2010-09-09\",\n  \"Description\": \"Generated " +
                  n(seed) + "\",\n  \"Resources\": {\n";
  for (size_t i = 0; i < resources; ++i) {
    s += "    \"Db" + n(i) +
         "\": {\n      \"Type\": \"AWS::RDS::DBInstance\",\n      \"Properties\": {\n        \"Engine\": "
         "\"postgres\",\n        \"BackupRetentionPeriod\": " +
         n(i % 10) + ",\n        \"MultiAZ\": " + (i % 2 ? "true" : "false") +
         ",\n        \"DBInstanceClass\": {\"Ref\": \"Size\"},\n        \"Tags\": [{\"Key\": \"service\", "
         "\"Value\": "
         "\"ledger\"}]\n      }\n    }" +
         (i + 1 < resources ? ",\n" : "\n");
  }
  return s + "  }\n}\n";
}

std::string kubernetes_yaml(size_t documents, size_t seed) {
  std::string s;
  for (size_t i = 0; i < documents; ++i) {
    std::string name = "app-" + n(seed) + "-" + n(i);
    if (i) s += "---\n";
    if (i % 2 == 0) {
      s += "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: " + name +
           "\n  labels:\n    app: " + name + "\nspec:\n  replicas: " + n(1 + i % 3) +
           "\n  selector:\n    matchLabels:\n      app: " + name +
           "\n  template:\n    metadata:\n      labels:\n        app: " + name +
           "\n    spec:\n      containers:\n        - name: main\n          image: registry.example/" + name +
           ":1.0\n          ports:\n            - containerPort: 8080\n          resources:\n            "
           "limits:\n"
           "              cpu: 500m\n              memory: 256Mi\n";
    } else {
      s += "apiVersion: v1\nkind: Service\nmetadata:\n  name: " + name +
           "\nspec:\n  selector:\n    app: " + name + "\n  ports:\n    - port: 80\n      targetPort: 8080\n";
    }
  }
  return s;
}

size_t write_repository(const std::string &dir, size_t files) {
  namespace fs = std::filesystem;
  size_t bytes = 0;
  for (size_t i = 0; i < files; ++i) {
    std::string rel, text;
    switch (i % 10) {
      case 7:
        rel = "cloudformation/stack" + n(i) + ".yaml";
        text = cloudformation_yaml(6, i);
        break;
      case 8:
        rel = "k8s/app" + n(i) + ".yaml";
        text = kubernetes_yaml(4, i);
        break;
      case 9:
        rel = "cloudformation/db" + n(i) + ".json";
        text = cloudformation_json(3, i);
        break;
      default:
        rel = "modules/m" + n(i / 10) + "/file" + n(i) + ".tf";
        text = terraform_file(5, i);
        break;
    }
    fs::path p = fs::path(dir) / rel;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
    bytes += text.size();
  }
  return bytes;
}

}  // namespace clause::bench
