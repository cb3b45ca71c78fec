resource "aws_autoscaling_group" "web" {
  min_size = 3
  max_size = 3
}

resource "azurerm_kubernetes_cluster" "main" {
  name                = "main"
  location            = "westeurope"
  resource_group_name = "ledger"
  dns_prefix          = "main"
  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }
}

resource "azurerm_kubernetes_cluster_node_pool" "apps" {
  name                  = "apps"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.main.id
  vm_size               = "Standard_D4s_v5"
  enable_auto_scaling   = false
}

resource "google_container_node_pool" "apps" {
  name       = "apps"
  cluster    = "main"
  node_count = 3
}
